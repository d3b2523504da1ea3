using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Users.ChangeMemberRole;
using ComplaintCloud.Api.Features.Users.CreateMember;
using ComplaintCloud.Api.Features.Users.ListMembers;
using ComplaintCloud.Api.Features.Users.SetMemberDisabled;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Users.UsersSettings;

/// <summary>Settings → Users: add people, change their role, disable and re-enable them.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class UsersModel(ISender sender) : PageModel
{
    public IReadOnlyList<MemberView> Members { get; private set; } = [];
    [BindProperty] public NewMemberInput NewMember { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public sealed class NewMemberInput
    {
        [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
        [Required, StringLength(100)] public string DisplayName { get; set; } = "";
        public TenantRole Role { get; set; } = TenantRole.Agent;
        [StringLength(128)] public string? InitialPassword { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Members = await sender.Send(new ListMembersQuery(), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, member) = await sender.TrySendAsync(
                new CreateMemberCommand(NewMember.Email, NewMember.DisplayName, NewMember.Role, NewMember.InitialPassword),
                ModelState, nameof(NewMember), ct);
            if (ok)
            {
                Notice = $"{member!.Email}";
                return RedirectToPage();
            }
        }
        Members = await sender.Send(new ListMembersQuery(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(Guid id, TenantRole role, CancellationToken ct) =>
        RowAfterAsync(id, new ChangeMemberRoleCommand(id, role), ct);

    public Task<IActionResult> OnPostDisabledAsync(Guid id, bool disabled, CancellationToken ct) =>
        RowAfterAsync(id, new SetMemberDisabledCommand(id, disabled, User.RequiredUserId()), ct);

    // htmx swaps just the row; a refused change shows its reason in the row.
    private async Task<IActionResult> RowAfterAsync<T>(Guid id, ICommand<T> command, CancellationToken ct)
    {
        var (ok, _) = await sender.TrySendAsync(command, ModelState, "", ct);
        var member = (await sender.Send(new ListMembersQuery(), ct)).SingleOrDefault(m => m.Id == id);
        if (member is null) return NotFound();
        return Partial("_MemberRow", new MemberRowModel(member, ok ? null : ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage,
            member.UserId == User.RequiredUserId()));
    }

    public MemberRowModel RowFor(MemberView member) => new(member, null, member.UserId == User.RequiredUserId());
}

public sealed record MemberRowModel(MemberView Member, string? Error, bool IsSelf);
