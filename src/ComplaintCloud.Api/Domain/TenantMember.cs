namespace ComplaintCloud.Api.Domain;

public enum TenantRole
{
    Agent,
    Supervisor,
    Admin,
}

/// <summary>A user's membership of one tenant, with the role they hold there.</summary>
public sealed class TenantMember : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    public TenantRole Role { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
