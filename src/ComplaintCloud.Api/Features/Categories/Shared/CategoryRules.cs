using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Categories.Shared;

/// <summary>The rules creating, renaming and moving categories share, checked against the tenant's tree in memory.</summary>
public static class CategoryRules
{
    public const int NameMaxLength = 100;

    public static IRuleBuilderOptions<T, string?> ValidCategoryName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the category a name.")
            .Must(name => name is null || name.Trim().Length <= NameMaxLength).WithMessage($"A category name is at most {NameMaxLength} characters.");

    /// <summary>A parent for a new or moved category: one of the tenant's, not archived, with room below it (400 on parentId otherwise).</summary>
    public static CategoryNode UsableParent(IReadOnlyList<CategoryNode> tree, Guid parentId, int subtreeHeight = 1)
    {
        var parent = tree.SingleOrDefault(n => n.Id == parentId) ?? throw Invalid("There is no such parent category.");
        if (CategoryTree.HiddenIds(tree).Contains(parent.Id))
            throw Invalid($"'{parent.Path}' is archived (or under an archived category); choose another parent.");
        if (parent.Depth + subtreeHeight > Category.MaxDepth)
            throw Invalid($"Categories nest at most {Category.MaxDepth} levels deep; '{parent.Path}' is already at level {parent.Depth}.");
        return parent;
    }

    /// <summary>Siblings have distinct names regardless of case: 409 otherwise.</summary>
    public static void EnsureNameFreeAmongSiblings(IReadOnlyList<CategoryNode> tree, Guid? parentId, string name, Guid? exceptId)
    {
        var taken = tree.FirstOrDefault(n => n.ParentId == parentId && n.Id != exceptId && string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
        if (taken is not null)
            throw new ConflictException(parentId is null
                ? $"There is already a top-level category named '{taken.Name}'."
                : $"There is already a category '{taken.Path}'.");
    }

    public static async Task<CategoryView> LoadCategoryViewAsync(this AppDbContext db, Guid id, CancellationToken ct)
    {
        var tree = await CategoryTree.LoadAsync(db, ct);
        var node = tree.SingleOrDefault(n => n.Id == id) ?? throw new NotFoundException("Category");
        var version = await db.Categories.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(ct);
        return CategoryView.From(node, CategoryTree.HiddenIds(tree), version);
    }

    private static ValidationException Invalid(string message) => new([new ValidationFailure("parentId", message)]);
}
