namespace ComplaintCloud.Api.Domain;

/// <summary>A client company with its own isolated workspace.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA time zone id, e.g. "Asia/Shanghai"; business calendars default to it.</summary>
    public required string TimeZone { get; set; }
    /// <summary>BCP 47 language tag of the workspace's default UI and customer language.</summary>
    public required string Locale { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Remedies above this amount need a supervisor's approval (critical complaints always do); null: no amount rule.</summary>
    public decimal? ApprovalAmountThreshold { get; set; }
    /// <summary>
    /// A copy, in whole days, of the default SLA policy's resolution target (the one source: see
    /// <c>SlaPolicyRules.CopyDefaultResolutionToTenantAsync</c>, its only writer besides provisioning), kept so that intake reads a
    /// new complaint's due time in its one statement until the SLA timers compute it. Do not set it anywhere else.
    /// </summary>
    public int ResolutionTargetDays { get; set; } = DefaultResolutionTargetDays;
    public const int DefaultResolutionTargetDays = 15;
    /// <summary>PostgreSQL xmin, used as the optimistic concurrency token behind ETags.</summary>
    public uint Version { get; set; }
}
