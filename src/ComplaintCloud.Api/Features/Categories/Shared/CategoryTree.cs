using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Categories.Shared;

/// <summary>A category with its place in the tree: Path is "Delivery / Late delivery", Depth is 1 for a top-level category.</summary>
public sealed record CategoryNode(Guid Id, Guid? ParentId, string Name, string Path, int Depth, bool Archived);

/// <summary>
/// The tenant's category tree, computed in memory from its (id, parentId) rows: tenants have tens to hundreds of
/// categories, so one small read beats a recursive query and keeps the rules in C#.
/// </summary>
public static class CategoryTree
{
    public const string PathSeparator = " / ";

    /// <summary>Every category of the current tenant, parents before children, siblings by name.</summary>
    public static async Task<IReadOnlyList<CategoryNode>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new CategoryRow(c.Id, c.ParentId, c.Name, c.Archived)).ToListAsync(ct);
        return Build(rows);
    }

    /// <summary>The category and all its descendants (for "filter by category, subcategories included"); empty when there is no such category.</summary>
    public static async Task<IReadOnlyList<Guid>> SelfAndDescendantsAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        return SelfAndDescendants(await LinksAsync(db, ct), id);
    }

    /// <summary>The categories offered for new complaints: neither they nor any ancestor is archived.</summary>
    public static IReadOnlyList<CategoryNode> Selectable(IReadOnlyList<CategoryNode> nodes)
    {
        var hidden = HiddenIds(nodes);
        return nodes.Where(n => !hidden.Contains(n.Id)).ToList();
    }

    /// <summary>Ids of archived categories and of everything under them (the tree order puts parents first).</summary>
    public static IReadOnlySet<Guid> HiddenIds(IReadOnlyList<CategoryNode> nodes)
    {
        var hidden = new HashSet<Guid>();
        foreach (var node in nodes)
            if (node.Archived || (node.ParentId is { } parent && hidden.Contains(parent)))
                hidden.Add(node.Id);
        return hidden;
    }

    public static IReadOnlyList<Guid> SelfAndDescendants(IReadOnlyCollection<CategoryLink> links, Guid id)
    {
        if (links.All(l => l.Id != id)) return [];
        var children = links.Where(l => l.ParentId is not null).ToLookup(l => l.ParentId!.Value, l => l.Id);
        var result = new List<Guid>();
        var seen = new HashSet<Guid>();
        var pending = new Stack<Guid>([id]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue; // a corrupt cycle must not loop forever
            result.Add(next);
            foreach (var child in children[next]) pending.Push(child);
        }
        return result;
    }

    /// <summary>
    /// The category and every category above it (for "a condition on a category matches its descendants"); empty
    /// without a category or when there is no such category.
    /// </summary>
    public static IReadOnlySet<Guid> SelfAndAncestors(IReadOnlyCollection<CategoryLink> links, Guid? id)
    {
        var result = new HashSet<Guid>();
        if (id is null) return result;
        var parents = links.ToDictionary(l => l.Id, l => l.ParentId);
        for (Guid? next = id; next is { } current && parents.TryGetValue(current, out var parent); next = parent)
            if (!result.Add(current)) break; // a corrupt cycle must not loop forever
        return result;
    }

    public static async Task<IReadOnlyList<CategoryLink>> LinksAsync(AppDbContext db, CancellationToken ct) =>
        await db.Categories.AsNoTracking().Select(c => new CategoryLink(c.Id, c.ParentId)).ToListAsync(ct);

    public static IReadOnlyList<CategoryNode> Build(IReadOnlyCollection<CategoryRow> rows)
    {
        var children = rows.ToLookup(r => r.ParentId);
        var nodes = new List<CategoryNode>(rows.Count);
        void Visit(Guid? parentId, string parentPath, int depth)
        {
            foreach (var row in children[parentId].OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id))
            {
                var path = parentPath.Length == 0 ? row.Name : parentPath + PathSeparator + row.Name;
                nodes.Add(new CategoryNode(row.Id, row.ParentId, row.Name, path, depth, row.Archived));
                if (depth < 64) Visit(row.Id, path, depth + 1); // the depth rule keeps trees at 5; the guard only stops runaway recursion
            }
        }
        Visit(null, "", 1);
        return nodes;
    }
}

public sealed record CategoryRow(Guid Id, Guid? ParentId, string Name, bool Archived);

public sealed record CategoryLink(Guid Id, Guid? ParentId);
