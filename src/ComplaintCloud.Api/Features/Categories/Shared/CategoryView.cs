using System.Text.Json.Serialization;

namespace ComplaintCloud.Api.Features.Categories.Shared;

/// <summary>
/// A category as the API shows it. Selectable: offered for new complaints (neither it nor an ancestor is archived);
/// <see cref="Version"/> travels as the ETag, not in the body.
/// </summary>
public sealed record CategoryView(Guid Id, Guid? ParentId, string Name, string Path, int Depth, bool Archived, bool Selectable,
    [property: JsonIgnore] uint Version = 0)
{
    public static CategoryView From(CategoryNode node, IReadOnlySet<Guid> hidden, uint version = 0) =>
        new(node.Id, node.ParentId, node.Name, node.Path, node.Depth, node.Archived, !hidden.Contains(node.Id), version);
}

/// <summary>The whole tree as one flat list, parents before children.</summary>
public sealed record CategoryList(IReadOnlyList<CategoryView> Items);
