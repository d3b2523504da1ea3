namespace ComplaintCloud.Api.Features.Settings.Shared;

/// <summary>
/// How the workspace's complaints are worked. ApprovalAmountThreshold: remedies above this amount need a supervisor's
/// approval; null means no amount rule (critical complaints still need approval). ResolutionTargetDays: the default SLA
/// policy's resolution target in days (its one source; minutes are read as whole days of 1,440).
/// </summary>
public sealed record WorkflowSettingsView(decimal? ApprovalAmountThreshold, int ResolutionTargetDays);
