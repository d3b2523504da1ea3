namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Marks a page whose URL carries a secret (a status link's token, an invitation or a password reset): its responses
/// are never stored by a cache and send no referrer, so the secret does not outlive the visit or travel in a Referer.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TokenInUrlAttribute : Attribute;
