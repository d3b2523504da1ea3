using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Users.ChangeMemberRole;
using ComplaintCloud.Api.Features.Users.CreateInvitation;
using ComplaintCloud.Api.Features.Users.GetInvitation;
using ComplaintCloud.Api.Features.Users.GetMember;
using ComplaintCloud.Api.Features.Users.ListInvitations;
using ComplaintCloud.Api.Features.Users.ListMembers;
using ComplaintCloud.Api.Features.Users.ResendInvitation;
using ComplaintCloud.Api.Features.Users.RevokeInvitation;
using ComplaintCloud.Api.Features.Users.SetMemberDisabled;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Users.UsersSettings;

/// <summary>
/// Settings → Users: invite people (the same command as POST /api/v1/invitations), resend and revoke pending
/// invitations, change members' roles, disable and re-enable them.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class UsersModel(ISender sender) : PageModel
{
    public CursorPage<MemberView> Members { get; private set; } = new([], null);
    public CursorPage<InvitationView> Invitations { get; private set; } = new([], null);
    [BindProperty] public NewMemberInput NewMember { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public sealed class NewMemberInput
    {
        [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
        [Required, StringLength(100)] public string DisplayName { get; set; } = "";
        public TenantRole Role { get; set; } = TenantRole.Agent;
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, invitation) = await sender.TrySendAsync(new CreateInvitationCommand(NewMember.Email, NewMember.DisplayName, NewMember.Role),
                ModelState, nameof(NewMember), ct);
            if (ok)
            {
                Notice = invitation!.Email;
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    // A missing or unreadable role or flag binds as null (as the default, agent or enabled, it would change the member): refused.
    public async Task<IActionResult> OnPostRoleAsync(Guid id, TenantRole? role, CancellationToken ct) =>
        role is { } chosen ? await MemberRowAfterAsync(id, new ChangeMemberRoleCommand(id, chosen), ct) : BadRequest();

    public async Task<IActionResult> OnPostDisabledAsync(Guid id, bool? disabled, CancellationToken ct) =>
        disabled is { } value
            ? await MemberRowAfterAsync(id, new SetMemberDisabledCommand(id, value, User.RequiredUserId()), ct) : BadRequest();

    public Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct) => InvitationRowAfterAsync(id, new ResendInvitationCommand(id), ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) => InvitationRowAfterAsync(id, new RevokeInvitationCommand(id), ct);

    // htmx swaps just the row; a refused change shows its reason in the row.
    private async Task<IActionResult> MemberRowAfterAsync<T>(Guid id, ICommand<T> command, CancellationToken ct)
    {
        var (ok, _) = await sender.TrySendAsync(command, ModelState, "", ct);
        var member = await FindAsync(new GetMemberQuery(id), ct);
        if (member is null) return NotFound();
        return Partial("_MemberRow", new MemberRowModel(member, ok ? null : FirstError(), member.UserId == User.RequiredUserId()));
    }

    private async Task<IActionResult> InvitationRowAfterAsync(Guid id, ICommand<InvitationView> command, CancellationToken ct)
    {
        var (ok, invitation) = await sender.TrySendAsync(command, ModelState, "", ct);
        invitation ??= await FindAsync(new GetInvitationQuery(id), ct);
        if (invitation is null) return NotFound();
        return Partial("_InvitationRow", new InvitationRowModel(invitation, ok ? null : FirstError()));
    }

    private async Task<T?> FindAsync<T>(IQuery<T> query, CancellationToken ct) where T : class
    {
        try
        {
            return await sender.Send(query, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private string? FirstError() => ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage;

    private async Task LoadAsync(CancellationToken ct)
    {
        Members = await sender.Send(new ListMembersQuery(PageRequest.From(PageRequest.MaxLimit, Cursor)), ct);
        Invitations = await sender.Send(new ListInvitationsQuery(PageRequest.From(PageRequest.MaxLimit, null),
            [InvitationStatus.Pending, InvitationStatus.Expired]), ct);
    }

    public MemberRowModel RowFor(MemberView member) => new(member, null, member.UserId == User.RequiredUserId());
}

public sealed record MemberRowModel(MemberView Member, string? Error, bool IsSelf);

public sealed record InvitationRowModel(InvitationView Invitation, string? Error);
