namespace ComplaintCloud.Api.Domain;

/// <summary>
/// What an operation on a complaint needs besides its own arguments: who acts, when, and the workspace's rules that
/// apply. One parameter, so that a rule the workspace gains later (a business calendar, an SLA policy) joins it here
/// instead of widening every domain method.
/// </summary>
/// <param name="ActorMayApprove">Supervisors, admins, admin-scoped keys and the system: steps that need a second role.</param>
public sealed record ComplaintContext(Actor Actor, DateTimeOffset Now, ApprovalPolicy Approval, bool ActorMayApprove = false)
{
    /// <summary>The platform acting on its own (escalation, a scheduler): may take every step.</summary>
    public static ComplaintContext System(DateTimeOffset now, ApprovalPolicy approval) => new(Actor.SystemActor, now, approval, true);
}
