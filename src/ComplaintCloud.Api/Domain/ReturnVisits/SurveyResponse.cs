namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>
/// The answers of a return visit: one per visit (a unique index, so two tabs or a replayed POST cannot make two). The
/// measures and the verdict are read once, when it is recorded, by the workspace's rule of that moment.
/// </summary>
public sealed class SurveyResponse : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid VisitId { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid TemplateVersionId { get; set; }
    public SurveyAnswerList Answers { get; set; } = new();
    public int? Csat { get; set; }
    public int? Nps { get; set; }
    public bool? Solved { get; set; }
    /// <summary>False when the workspace's dissatisfaction rule matched.</summary>
    public bool Satisfied { get; set; }
    public SurveyResponseSource Source { get; set; }
    public required string RecordedByKind { get; set; }
    public Guid? RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? Notes { get; set; }
}

public enum PhoneVisitOutcome { Reached, NotReached, Refused, CallBackLater }

/// <summary>One call of a phone return visit.</summary>
public sealed class PhoneVisitAttempt : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid VisitId { get; set; }
    public PhoneVisitOutcome Outcome { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? CallBackAt { get; set; }
    public string? Notes { get; set; }
    public Guid? AgentUserId { get; set; }
    public required string AgentName { get; set; }
}

/// <summary>A customer who asked not to be surveyed again, by address (email lower case, or phone digits).</summary>
public sealed class SurveyOptOut : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string? Normalise(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var a = address.Trim();
        return a.Contains('@') ? a.ToLowerInvariant() : new string(a.Where(c => char.IsDigit(c) || c == '+').ToArray());
    }
}
