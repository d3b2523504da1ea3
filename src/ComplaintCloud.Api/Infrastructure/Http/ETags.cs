using ComplaintCloud.Api.Infrastructure.Errors;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>Entity tags from row versions (PostgreSQL xmin) and the If-Match check for conditional updates.</summary>
public static class ETags
{
    public static string From(uint version) => $"\"{version}\"";

    /// <summary>Throws 412 when the caller sent If-Match and none of its tags is the current one.</summary>
    public static void EnsureMatches(string? ifMatch, uint currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*") return;
        var current = From(currentVersion);
        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t);
        if (!tags.Contains(current))
            throw new PreconditionFailedException("The resource has changed since you read it (If-Match does not match the current ETag).");
    }
}
