using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ComplaintCloud.Api.Domain;

/// <summary>Stored as pending, accepted or revoked; a pending invitation past its expiry reads as expired.</summary>
public enum InvitationStatus { Pending, Accepted, Revoked, Expired }

/// <summary>
/// An offer to join a workspace, sent by email as a single-use link. Nobody becomes a member without
/// accepting: a new person chooses their own password, an existing account accepts while signed in as
/// itself. Only a hash of the link's token is kept; resending issues a new token, so the old link dies.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-cased like Identity's normalized emails, to compare addresses regardless of case.</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public TenantRole Role { get; set; }
    public required byte[] TokenHash { get; set; }
    public InvitationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset LastSentAt { get; set; }
    public int SendCount { get; set; }
    public required string InvitedByKind { get; set; }
    public Guid? InvitedById { get; set; }
    public required string InvitedByName { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public uint Version { get; set; }

    public Actor InvitedBy => new(InvitedByKind, InvitedById, InvitedByName);

    /// <summary>The same normalization as Identity's (UpperInvariantLookupNormalizer), so it compares with AppUser.NormalizedEmail.</summary>
    public static string Normalize(string email) => email.Trim().Normalize().ToUpperInvariant();

    /// <summary>A new invitation and its link token (returned once, never stored).</summary>
    public static (Invitation Invitation, string Token) Issue(string email, string displayName, TenantRole role, Actor invitedBy, DateTimeOffset now)
    {
        var token = NewToken();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now), Email = email.Trim(), NormalizedEmail = Normalize(email), DisplayName = displayName.Trim(), Role = role,
            TokenHash = HashOf(token), Status = InvitationStatus.Pending, CreatedAt = now, ExpiresAt = now + Lifetime, LastSentAt = now,
            SendCount = 1, InvitedByKind = invitedBy.Kind, InvitedById = invitedBy.Id, InvitedByName = invitedBy.Name,
        };
        return (invitation, token);
    }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        Status == InvitationStatus.Pending && ExpiresAt <= now ? InvitationStatus.Expired : Status;

    /// <summary>A new link valid for another <see cref="Lifetime"/>; the previous link stops working. Open (pending or expired) invitations only.</summary>
    public string Resend(DateTimeOffset now)
    {
        if (Status != InvitationStatus.Pending)
            throw new RuleConflictException($"This invitation was {Status.ToString().ToLowerInvariant()}; only a pending or expired invitation can be resent.");
        var token = NewToken();
        TokenHash = HashOf(token);
        ExpiresAt = now + Lifetime;
        LastSentAt = now;
        SendCount++;
        return token;
    }

    /// <summary>The link stops working. Revoking twice is harmless; an accepted invitation is done (disable the member instead).</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (Status == InvitationStatus.Accepted)
            throw new RuleConflictException("This invitation was accepted; disable the member instead.");
        if (Status == InvitationStatus.Revoked) return;
        Status = InvitationStatus.Revoked;
        RevokedAt = now;
    }

    public void Accept(Guid userId, DateTimeOffset now)
    {
        EnsureOpen(now);
        Status = InvitationStatus.Accepted;
        AcceptedAt = now;
        AcceptedUserId = userId;
    }

    /// <summary>One message whatever the reason, so a link says nothing more about its invitation's history.</summary>
    public void EnsureOpen(DateTimeOffset now)
    {
        if (StatusAt(now) != InvitationStatus.Pending)
            throw new RuleConflictException("This invitation link is no longer valid: it was used, revoked or replaced, or it expired. Ask the workspace's admin for a new one.");
    }

    public bool IsFor(AppUser user) => string.Equals(user.NormalizedEmail, NormalizedEmail, StringComparison.Ordinal);

    // 256 random bits: a fast hash is right, there is nothing to brute-force.
    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether a presented token can be one of ours (no database work for garbage).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
