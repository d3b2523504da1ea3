using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>The checks every path that sets a complaint's category or tags shares.</summary>
public static class ComplaintClassification
{
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidTags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(tags => tags is null || tags.Count <= ComplaintTags.MaxCount)
            .WithMessage($"A complaint has at most {ComplaintTags.MaxCount} tags.")
            .Must(tags => tags is null || tags.All(t => t is not null && ComplaintTags.Problem(t) is null))
            .WithMessage(_ => $"Tags are 1 to {ComplaintTags.MaxLength} characters, without commas.");

    /// <summary>A customer tier: null or empty (none) or a token <see cref="CustomerTiers"/> accepts in any case.</summary>
    public static IRuleBuilderOptions<T, string?> ValidCustomerTier<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(tier => string.IsNullOrEmpty(tier) || CustomerTiers.IsValid(tier)).WithMessage(CustomerTiers.Rule);

    /// <summary>A department given for a complaint must be one of the workspace's and not archived (a 400 on the field otherwise).</summary>
    public static async Task EnsureDepartmentUsableAsync(this AppDbContext db, Guid? departmentId, string field, CancellationToken ct)
    {
        if (departmentId is not { } id) return;
        var archived = await db.Departments.Where(d => d.Id == id).Select(d => (bool?)d.Archived).SingleOrDefaultAsync(ct);
        if (archived is null) throw new ValidationException([new ValidationFailure(field, "There is no such department.")]);
        if (archived.Value) throw new ValidationException([new ValidationFailure(field, "The department is archived; choose another.")]);
    }

    /// <summary>
    /// A category given for a complaint must be one of the workspace's, and neither it nor an ancestor archived
    /// (a 400 on the field otherwise).
    /// </summary>
    public static async Task EnsureCategoryUsableAsync(this AppDbContext db, Guid? categoryId, CancellationToken ct, string field = "categoryId")
    {
        if (categoryId is not { } id) return;
        var tree = await CategoryTree.LoadAsync(db, ct);
        if (tree.All(n => n.Id != id)) throw new ValidationException([new ValidationFailure(field, "There is no such category.")]);
        if (CategoryTree.HiddenIds(tree).Contains(id))
            throw new ValidationException([new ValidationFailure(field, "The category (or one above it) is archived; choose another.")]);
    }
}
