namespace ComplaintCloud.Api.Features.Settings.Shared;

/// <summary>
/// How the workspace's complaints are worked. ApprovalAmountThreshold: remedies above this amount need a supervisor's
/// approval; null means no amount rule (critical complaints still need approval). ResolutionTargetDays: calendar days
/// from receipt to the resolution due time of complaints that arrive without one.
/// </summary>
public sealed record WorkflowSettingsView(decimal? ApprovalAmountThreshold, int ResolutionTargetDays);
