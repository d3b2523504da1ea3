using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Domain;

/// <summary>What escalation does to a complaint: system actions allowed in any open status, none changing the status.</summary>
public sealed partial class Complaint
{
    /// <summary>0 until a level of an escalation rule fires; then the highest level fired, or what a set_level action set.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Records that a level fired, with the escalation level it leaves the complaint at.</summary>
    public void RecordEscalation(Actor actor, DateTimeOffset now, ComplaintEscalated fired)
    {
        EnsureOpenForEscalation();
        EscalationLevel = fired.EscalationLevel;
        Record(actor, now, null, fired);
    }

    /// <summary>Routes the complaint to a department queue and/or a person without moving its status (an escalation's reassign).</summary>
    public void ReassignByEscalation(Actor actor, DateTimeOffset now, Guid? departmentId, Guid? assigneeUserId)
    {
        EnsureOpenForEscalation();
        var (previousDepartment, previousAssignee) = (DepartmentId, AssigneeUserId);
        DepartmentId = departmentId ?? DepartmentId;
        AssigneeUserId = departmentId is not null && assigneeUserId is null ? null : assigneeUserId; // to a queue: nobody yet
        if (DepartmentId == previousDepartment && AssigneeUserId == previousAssignee) return;
        Record(actor, now, null, new ComplaintAssigned(DepartmentId, AssigneeUserId, previousDepartment, previousAssignee));
    }

    /// <summary>One step up (general → serious → critical), recorded as an update of the severity, which re-matches the SLA timers.</summary>
    /// <returns>Whether it changed (a critical complaint stays critical).</returns>
    public bool RaiseSeverity(Actor actor, DateTimeOffset now)
    {
        EnsureOpenForEscalation();
        if (Severity == ComplaintSeverity.Critical) return false;
        var before = Severity;
        Severity = before + 1;
        Record(actor, now, null, new ComplaintUpdated(new Dictionary<string, FieldChange>
        {
            ["severity"] = new(Wire(before), Wire(Severity)),
        }));
        return true;

        static string Wire(ComplaintSeverity s) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());
    }

    private void EnsureOpenForEscalation()
    {
        if (Status == ComplaintStatus.Closed) throw new RuleConflictException("A closed complaint is not escalated.");
    }
}
