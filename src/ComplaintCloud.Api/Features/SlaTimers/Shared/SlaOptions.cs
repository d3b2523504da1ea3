namespace ComplaintCloud.Api.Features.SlaTimers.Shared;

public sealed class SlaOptions
{
    public const string Section = "Sla";
    /// <summary>Whether the sweeper and the recompute worker run in this process (tests drive them one pass at a time).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>A due threshold is fired within one interval.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Timers claimed per statement; a backlog drains batch after batch without waiting for the interval.</summary>
    public int SweepBatchSize { get; set; } = 5000;
    /// <summary>Tenants served per pass.</summary>
    public int TenantsPerPass { get; set; } = 100;
    /// <summary>Timers recomputed per transaction after a policy or calendar change.</summary>
    public int RecomputeBatchSize { get; set; } = 200;
}
