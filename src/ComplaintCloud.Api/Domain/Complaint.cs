namespace ComplaintCloud.Api.Domain;

public enum ComplaintChannel { Phone, Email, Web, Social, InPerson, Letter, Api, Referral }

public enum ComplaintSeverity { General, Serious, Critical }

public enum ComplaintStatus
{
    Received, Acknowledged, Assessed, Assigned, Investigating, SolutionProposed, PendingApproval,
    Approved, Implementing, Resolved, Reopened, AwaitingCustomer, Closed,
}

/// <summary>
/// A customer complaint. This is the intake core (who, what, when, by which channel); the
/// handling workflow, classification and timeline are added on top of it by the complaint slices.
/// </summary>
public sealed class Complaint : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>Human number, unique per tenant, e.g. C-2026-000123.</summary>
    public required string Number { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; set; }
    public ComplaintChannel Channel { get; set; }
    public ComplaintSeverity Severity { get; set; }
    public ComplaintStatus Status { get; set; }
    public required string CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerExternalId { get; set; }
    public string? ProductRef { get; set; }
    public string? ExternalRef { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
