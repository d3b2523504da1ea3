namespace ComplaintCloud.Api.Domain;

/// <summary>The tenant's rule for when a remedy needs a supervisor's approval before it is implemented.</summary>
public sealed record ApprovalPolicy(decimal? AmountThreshold)
{
    public bool Requires(Complaint complaint) =>
        complaint.Severity == ComplaintSeverity.Critical
        || (AmountThreshold is { } limit && complaint.RemedyAmount is { } amount && amount > limit);
}
