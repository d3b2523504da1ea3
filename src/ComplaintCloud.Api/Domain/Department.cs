namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A team that complaints are routed to (customer care, logistics, billing…). Agents work the unassigned
/// complaints of the departments they belong to; an archived department takes no new complaints but
/// keeps the ones it had.
/// </summary>
public sealed class Department : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DepartmentMember> Members { get; set; } = [];
    public uint Version { get; set; }
}

/// <summary>A workspace member's place in a department (a member may belong to several).</summary>
public sealed class DepartmentMember : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
