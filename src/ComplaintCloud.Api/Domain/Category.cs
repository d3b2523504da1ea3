namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A node of the tenant's own complaint category tree (e.g. Delivery › Late delivery). Filtering by a
/// category includes its descendants. Archived categories stay on the complaints that have them but are
/// not offered for new ones.
/// </summary>
public sealed class Category : ITenantOwned
{
    public const int MaxDepth = 5;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
