using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Categories.Shared;

public sealed record CategoryNode(Guid Id, Guid? ParentId, string Name, string Path, int Depth, bool Archived);

// Placeholder until the settings branch merges (its version replaces this file).
public static class CategoryTree
{
    public static async Task<IReadOnlyList<CategoryNode>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name, c.Archived }).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var result = new List<CategoryNode>();
        foreach (var r in rows)
        {
            var names = new List<string>();
            for (var at = r; at is not null; at = at.ParentId is { } p && byId.TryGetValue(p, out var up) ? up : null) names.Insert(0, at.Name);
            result.Add(new CategoryNode(r.Id, r.ParentId, r.Name, string.Join(" / ", names), names.Count - 1, r.Archived));
        }
        return result.OrderBy(n => n.Path, StringComparer.CurrentCulture).ToList();
    }

    public static async Task<IReadOnlyList<Guid>> SelfAndDescendantsAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var rows = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var result = new List<Guid> { id };
        for (var i = 0; i < result.Count; i++) result.AddRange(rows.Where(r => r.ParentId == result[i]).Select(r => r.Id));
        return result;
    }
}
