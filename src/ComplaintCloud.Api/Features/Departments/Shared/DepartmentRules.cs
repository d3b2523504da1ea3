using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Departments.Shared;

/// <summary>Field rules and lookups shared by the department slices.</summary>
public static class DepartmentRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;

    public static IRuleBuilderOptions<T, string?> ValidDepartmentName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the department a name.")
            .Must(name => name is null || name.Trim().Length <= NameMaxLength).WithMessage($"A department name is at most {NameMaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidDepartmentDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || text.Trim().Length <= DescriptionMaxLength)
            .WithMessage($"A description is at most {DescriptionMaxLength} characters.");

    /// <summary>Names are unique per workspace regardless of case ("Billing" and "billing" would confuse agents): 409 otherwise.</summary>
    public static async Task EnsureDepartmentNameFreeAsync(this AppDbContext db, string name, Guid? exceptId, CancellationToken ct)
    {
        var lower = name.ToLower();
        var taken = await db.Departments.Where(d => d.Name.ToLower() == lower && d.Id != exceptId).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (taken is not null) throw new ConflictException($"There is already a department named '{taken}'.");
    }

    /// <summary>An empty or blank description clears it.</summary>
    public static string? CleanDescription(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    public static async Task<DepartmentView> LoadDepartmentViewAsync(this AppDbContext db, Guid id, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == id)
                             .Select(d => new { d.Id, d.Name, d.Description, d.Archived, d.CreatedAt, d.Version })
                             .SingleOrDefaultAsync(ct)
                         ?? throw new NotFoundException("Department");
        var members = await db.DepartmentMembers.AsNoTracking().Where(m => m.DepartmentId == id)
            .Join(db.TenantMembers, dm => dm.UserId, tm => tm.UserId, (dm, tm) => new { dm, tm })
            .OrderBy(x => x.tm.DisplayName).ThenBy(x => x.tm.Email)
            .Select(x => new DepartmentMemberView(x.dm.UserId, x.tm.DisplayName, x.tm.Email, x.tm.Role, x.dm.AddedAt))
            .ToListAsync(ct);
        return new DepartmentView(department.Id, department.Name, department.Description, department.Archived, department.CreatedAt,
            members, department.Version);
    }
}
