namespace ComplaintCloud.Api.Domain;

/// <summary>
/// An integration credential. Only a hash of the secret is stored; the prefix is the visible,
/// indexed part used to find the row without knowing the tenant.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public required string[] Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Creates a key; the token is returned once and never stored.</summary>
    public static (ApiKey Key, string Token) Issue(string name, IEnumerable<string> scopes, DateTimeOffset? expiresAt,
        Guid? createdByUserId, DateTimeOffset now)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Prefix = secret.Prefix,
            SecretHash = secret.Hash(),
            Scopes = scopes.Distinct().Order(StringComparer.Ordinal).ToArray(),
            CreatedAt = now,
            CreatedByUserId = createdByUserId,
            ExpiresAt = expiresAt,
        };
        return (key, secret.Token);
    }

    /// <summary>Revoking is permanent; revoking twice is harmless and keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

/// <summary>The scopes an API key can carry. Kept as strings on the wire and in the database.</summary>
public static class ApiKeyScopes
{
    public const string ComplaintsRead = "complaints:read";
    public const string ComplaintsWrite = "complaints:write";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ComplaintsRead, ComplaintsWrite, Admin];
}
