using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

public sealed record DepartmentOption(Guid Id, string Name, bool Archived);

/// <summary>
/// The workspace's departments and category tree, as the complaint screens show and
/// offer them: names for ids, and the choices for filters, intake, assignment and classification.
/// </summary>
public sealed record WorkspaceOrganisation(IReadOnlyList<DepartmentOption> Departments, IReadOnlyList<CategoryNode> Categories)
{
    public static async Task<WorkspaceOrganisation> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name, d.Archived))
            .ToListAsync(ct);
        return new WorkspaceOrganisation(departments, await CategoryTree.LoadAsync(db, ct));
    }

    public string? DepartmentName(Guid? id) => Departments.FirstOrDefault(d => d.Id == id)?.Name;

    public string? CategoryPath(Guid? id) => Categories.FirstOrDefault(c => c.Id == id)?.Path;

    /// <summary>Departments a complaint can be routed to now.</summary>
    public IEnumerable<DepartmentOption> ActiveDepartments => Departments.Where(d => !d.Archived);

    /// <summary>Categories offered for new filing: neither they nor an ancestor is archived.</summary>
    public IEnumerable<CategoryNode> OfferedCategories => CategoryTree.Selectable(Categories);
}
