using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>
/// Who may work which complaint (issue 3): supervisors, admins and integrations act on any; an agent acts
/// on complaints assigned to them, on unassigned ones in their departments, and on new ones that have no
/// department yet (somebody has to triage the intake). An agent takes a complaint or routes it to a
/// department; handing it to somebody else is a supervisor's decision. And which actions the person asking may take
/// now: the API's allowedActions and the admin's buttons both come from <see cref="AllowedActionsAsync"/>.
/// </summary>
public sealed class ComplaintAccess(AppDbContext db, CurrentActor current, ComplaintActionCatalog actions)
{
    public async Task EnsureMayWorkOnAsync(Complaint complaint, CancellationToken ct)
    {
        if (await MayWorkOnAsync(complaint, ct)) return;
        throw new ForbiddenException(complaint.AssigneeUserId is not null
            ? "This complaint is assigned to someone else; agents work the complaints assigned to them."
            : "This complaint waits in a department you are not a member of.");
    }

    /// <summary>
    /// The names of the actions the current person may take now, in the catalog's order: allowed in the complaint's
    /// state, open to their role (a second role's step only to those who may approve), on a complaint they may work.
    /// </summary>
    public async Task<IReadOnlyList<string>> AllowedActionsAsync(Complaint complaint, ApprovalPolicy approval, CancellationToken ct)
    {
        var allowed = new List<string>(4);
        var mayApprove = current.MayApprove;
        foreach (var action in actions.All)
            if (action.IsAllowed(complaint, approval) && action.MayBeTakenBy(complaint, mayApprove)) allowed.Add(action.Name);
        return allowed.Count == 0 || await MayWorkOnAsync(complaint, ct) ? allowed : [];
    }

    private async Task<bool> MayWorkOnAsync(Complaint complaint, CancellationToken ct)
    {
        if (!current.IsAgent) return true;
        var me = current.MemberUserId!.Value;
        if (complaint.AssigneeUserId is { } assignee) return assignee == me;
        if (complaint.DepartmentId is not { } department) return true;
        return await db.DepartmentMembers.AnyAsync(m => m.DepartmentId == department && m.UserId == me, ct);
    }

    /// <summary>
    /// Checks an assignee before the complaint is given to them: an active member who belongs to the complaint's
    /// department (<paramref name="departmentId"/> when it moves there, else its current one) unless they supervise; and
    /// an agent assigns only to themselves.
    /// </summary>
    public async Task EnsureAssignableAsync(Complaint complaint, Guid? departmentId, Guid assigneeUserId, string field, CancellationToken ct)
    {
        if (current.IsAgent && assigneeUserId != current.MemberUserId)
            throw new ForbiddenException("Agents assign complaints to themselves only; a supervisor hands them to others.");
        var role = await db.TenantMembers.Where(m => m.UserId == assigneeUserId && !m.Disabled).Select(m => (TenantRole?)m.Role).SingleOrDefaultAsync(ct);
        if (role is null) throw Invalid(field, "The assignee is not an active member of this workspace.");
        var department = departmentId ?? complaint.DepartmentId;
        if (role == TenantRole.Agent && department is { } d
            && !await db.DepartmentMembers.AnyAsync(m => m.DepartmentId == d && m.UserId == assigneeUserId, ct))
            throw Invalid(field, "The assignee is not a member of the complaint's department.");
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
