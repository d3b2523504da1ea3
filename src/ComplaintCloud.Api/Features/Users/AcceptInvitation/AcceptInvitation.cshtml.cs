using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.SignIn;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Users.AcceptInvitation;

/// <summary>
/// The page an invitation link opens. The link names no workspace: its token's hash finds the tenant
/// (auth_invitation_tenant), and the invitation is read and accepted in a unit of work of that tenant, which
/// may differ from the workspace the visitor is signed in to. Accepting signs the person in to the new workspace.
/// </summary>
[AllowAnonymous]
[TokenInUrl]
public sealed class AcceptInvitationModel(TenantDirectory directory, TenantScopes scopes, UserManager<AppUser> users,
    SignInManager<AppUser> signIn, TimeProvider clock, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public NewAccountInput NewAccount { get; set; } = new();
    public InvitationToAccept? Invitation { get; private set; }
    /// <summary>Why the link cannot be used, when it cannot.</summary>
    public string? Problem { get; private set; }

    public sealed class NewAccountInput
    {
        [StringLength(100)] [Display(Name = "Name")] public string? DisplayName { get; set; }

        [StringLength(128), DataType(DataType.Password)] [Display(Name = "Password")]
        public string? Password { get; set; }

        [Compare(nameof(Password), ErrorMessage = "The two passwords differ."), DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string? ConfirmPassword { get; set; }
    }

    public string SignInLink => $"/admin/sign-in?ReturnUrl={Uri.EscapeDataString(HereLink)}";
    public string HereLink => $"{InvitationEmails.AcceptPath}?token={Uri.EscapeDataString(Token ?? "")}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer"; // the link's token stays on this page
        return await LoadAsync(ct) ? Page() : Unusable();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Unusable();
        if (Invitation!.Visitor is InvitationVisitor.ExistingAccount or InvitationVisitor.OtherAccount)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden; // the page says why: sign in as the invited account first
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        var accepted = await InTenantAsync(sender => sender.Send(new AcceptInvitationCommand(Token!, SignedInUserId,
            Invitation.Visitor == InvitationVisitor.NewPerson ? NewAccount.Password : null, NewAccount.DisplayName), ct).AsTask());
        if (accepted is null) return Page();

        var user = await users.FindByIdAsync(accepted.UserId.ToString()) ?? throw new InvalidOperationException("The account just joined is gone.");
        await signIn.SignInToWorkspaceAsync(user, accepted.TenantId, accepted.Role, accepted.WorkspaceName, accepted.DisplayName,
            accepted.WorkspaceLocale, HttpContext, clock.GetUtcNow());
        return LocalRedirect("/admin");
    }

    private Guid? SignedInUserId => User.Identity?.IsAuthenticated == true ? AppClaims.UserIdOf(User) : null;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Invitation = await InTenantAsync(sender => sender.Send(new FindInvitationToAcceptQuery(Token!, SignedInUserId), ct).AsTask());
        if (Invitation is null) return false;
        NewAccount.DisplayName ??= Invitation.DisplayName;
        return true;
    }

    private Guid? tenantId;

    /// <summary>Sends in the invitation's tenant; a refusal (unknown, used, expired, another account…) becomes <see cref="Problem"/> or a form error.</summary>
    private async Task<TResult?> InTenantAsync<TResult>(Func<ISender, Task<TResult>> send) where TResult : class
    {
        if (!Domain.Invitation.LooksLikeToken(Token)) return Refuse<TResult>(new NotFoundException("Invitation"));
        tenantId ??= await directory.FindInvitationTenantAsync(Domain.Invitation.HashOf(Token!), HttpContext.RequestAborted);
        if (tenantId is not { } tenant) return Refuse<TResult>(new NotFoundException("Invitation"));
        try
        {
            return await scopes.SendAsync(tenant, send);
        }
        catch (FluentValidation.ValidationException e)
        {
            foreach (var error in e.Errors)
                ModelState.AddModelError(string.IsNullOrEmpty(error.PropertyName) ? "" : $"{nameof(NewAccount)}.{error.PropertyName}", error.ErrorMessage);
            return null;
        }
        catch (Exception e) when (e is AppException { Status: < 500 } or DomainRuleException)
        {
            return Refuse<TResult>(e);
        }
    }

    private TResult? Refuse<TResult>(Exception e) where TResult : class
    {
        // Any 404 reads as the link no longer working: an unknown token looks like a used one.
        Problem = T[e is NotFoundException or NotThereException ? InvitationLinkInvalid : e.Message];
        if (Invitation is not null) ModelState.AddModelError(string.Empty, Problem);
        return null;
    }

    private IActionResult Unusable()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private const string InvitationLinkInvalid =
        "This invitation link is no longer valid: it was used, revoked or replaced, or it expired. Ask the workspace's admin for a new one.";
}
