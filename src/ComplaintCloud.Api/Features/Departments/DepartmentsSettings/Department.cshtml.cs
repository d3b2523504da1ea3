using ComplaintCloud.Api.Features.Departments.AddDepartmentMember;
using ComplaintCloud.Api.Features.Departments.GetDepartment;
using ComplaintCloud.Api.Features.Departments.RemoveDepartmentMember;
using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Features.Complaints.ComplaintDetail;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Departments.DepartmentsSettings;

/// <summary>Settings → Departments → one department: its members, and adding the workspace's active members to it.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class DepartmentModel(ISender sender) : PageModel
{
    public DepartmentView Department { get; private set; } = null!;
    /// <summary>Active workspace members who are not in the department yet.</summary>
    public IReadOnlyList<AssignableMember> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await PageAsync(id, ct);

    public async Task<IActionResult> OnPostAddAsync(Guid id, Guid? userId, CancellationToken ct)
    {
        if (userId is { } user) await sender.TrySendAsync(new AddDepartmentMemberCommand(id, user), ModelState, "", ct);
        else ModelState.AddModelError("", "Choose a member to add.");
        return await PageAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId, CancellationToken ct)
    {
        await sender.TrySendAsync(new RemoveDepartmentMemberCommand(id, userId), ModelState, "", ct);
        return await PageAsync(id, ct);
    }

    private async Task<IActionResult> PageAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Department = await sender.Send(new GetDepartmentQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var inDepartment = Department.Members.Select(m => m.UserId).ToHashSet();
        Candidates = (await sender.Send(new ListAssignableMembersQuery(), ct)).Where(m => !m.Disabled && !inDepartment.Contains(m.UserId)).ToList();
        return Page();
    }
}
