namespace ComplaintCloud.Api.Domain;

public enum TenantRole
{
    Agent,
    Supervisor,
    Admin,
}

/// <summary>
/// A user's membership of one tenant: the role they hold there and how this workspace knows them (email and
/// name), so that nothing a workspace shows about its people comes from another workspace.
/// </summary>
public sealed class TenantMember : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>The account's email when it joined (accounts cannot change their email).</summary>
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public TenantRole Role { get; set; }
    public bool Disabled { get; set; }
    /// <summary>How notifications reach this member by email in this workspace (Features/Notifications).</summary>
    public NotificationEmail NotificationEmail { get; set; } = NotificationEmail.Immediately;
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }

    public static TenantMember Join(AppUser user, string displayName, TenantRole role, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), UserId = user.Id, Email = user.Email!, DisplayName = displayName, Role = role, CreatedAt = now,
    };
}
