namespace ComplaintCloud.Api.Domain;

public enum ComplaintChannel { Phone, Email, Web, Social, InPerson, Letter, Api, Referral }

public enum ComplaintSeverity { General, Serious, Critical }

public enum ComplaintCause { ProductQuality, Service, Price, Integrity, Accident, Other }

public enum ComplaintPurpose { Suggestion, Criticism, Accusation, CompensationDemand }

public enum CustomerBehaviour { Grumbling, NegativePublicity, Venting, Extreme }

public enum ResponsibleParty { OwnStaff, Sales, Supplier, AgentOrPartner, Customer, ForceMajeure }

public enum RemedyType { Refund, Return, Exchange, Repair, Discount, Compensation, Apology, Explanation, Other }

public enum ComplaintStatus
{
    Received, Acknowledged, Assessed, Assigned, Investigating, SolutionProposed, PendingApproval,
    Approved, Implementing, Resolved, Reopened, AwaitingCustomer, Closed,
}

/// <summary>
/// A customer complaint and the rules of its handling (DESIGN §2, the seeds' eight steps). Every
/// change goes through a method here that checks the workflow and records an event; handlers only
/// load, call and return. Which action is allowed when is in each action's descriptor (<see cref="Actions.ComplaintActions"/>).
/// </summary>
public sealed partial class Complaint : ITenantOwned
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
    /// <summary>The customer's service tier as the workspace names it (e.g. standard, vip), lower case; SLA policies may match on it.</summary>
    public string? CustomerTier { get; set; }
    public string? ProductRef { get; set; }
    public string? ExternalRef { get; set; }
    public string? DesiredOutcome { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// When the complaint should be resolved: given at intake, or the workspace's resolution target after
    /// receipt. The queue sorts and filters on it; SLA policies (DESIGN §5) will keep it in business time.
    /// </summary>
    public DateTimeOffset DueAt { get; set; }
    /// <summary>The earliest due among the complaint's running SLA clocks (null when none runs): the queue's "time left" order.</summary>
    public DateTimeOffset? SlaDueAt { get; set; }
    /// <summary>
    /// False when an inbound email started this complaint while claiming to continue another complaint's thread (that
    /// complaint's number, or a Message-ID of its thread) without proving it: it came from another address and named no
    /// Message-ID we sent for that complaint. True for every other way in. The queue filters on it (senderVerified=false).
    /// </summary>
    public bool SenderVerified { get; set; } = true;

    // Classification (assessment)
    public ComplaintCause? Cause { get; set; }
    public ComplaintPurpose? Purpose { get; set; }
    public CustomerBehaviour? CustomerBehaviour { get; set; }
    public string? InvalidReason { get; set; }
    /// <summary>A node of the tenant's category tree.</summary>
    public Guid? CategoryId { get; set; }
    /// <summary>Free labels, normalised to lower case (see <see cref="ComplaintTags"/>).</summary>
    public List<string> Tags { get; set; } = [];

    // Assignment
    public Guid? DepartmentId { get; set; }
    public Guid? AssigneeUserId { get; set; }

    // Investigation
    public string? RootCause { get; set; }
    public ResponsibleParty? ResponsibleParty { get; set; }
    public Guid? ResponsibleDepartmentId { get; set; }

    // Remedy and approval
    public RemedyType? RemedyType { get; set; }
    public decimal? RemedyAmount { get; set; }
    public string? RemedyCurrency { get; set; }
    public string? RemedyDescription { get; set; }
    public Guid? ApprovedByUserId { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    // Outcome
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public bool? CustomerAccepted { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosingSummary { get; set; }
    public string? LessonsLearned { get; set; }
    /// <summary>How many times a regulatory deadline was extended (<see cref="Actions.ExtendAction"/>).</summary>
    public int ExtensionsTaken { get; set; }
    /// <summary>
    /// How many extensions the complaint's running (or late) extendable regulatory clock allows in all; 0 when it has none.
    /// Kept by the SLA keeper, so that the extend action is offered only where a deadline can be extended.
    /// </summary>
    public int ExtensionsOffered { get; set; }
    /// <summary>Where <see cref="Actions.ResumeAction"/> returns to after waiting for the customer.</summary>
    public ComplaintStatus? StatusBeforeWaiting { get; set; }

    public uint Version { get; set; }
    /// <summary>What search finds the complaint by; written by the persistence layer on save (Infrastructure/Search), not by the domain.</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchTokens { get; set; }
}
