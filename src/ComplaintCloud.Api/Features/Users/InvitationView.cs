using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Users;

/// <summary>An invitation as listed: never its link or token.</summary>
public sealed record InvitationView(
    Guid Id, string Email, string DisplayName, TenantRole Role, InvitationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset LastSentAt, Actor InvitedBy, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt)
{
    public static InvitationView From(Invitation i, DateTimeOffset now) => new(
        i.Id, i.Email, i.DisplayName, i.Role, i.StatusAt(now), i.CreatedAt, i.ExpiresAt, i.LastSentAt, i.InvitedBy, i.AcceptedAt, i.RevokedAt);
}
