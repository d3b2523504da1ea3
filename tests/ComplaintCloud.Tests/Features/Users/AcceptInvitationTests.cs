using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>The invitation link's page over HTTP: who may accept, once, within 7 days.</summary>
public sealed class AcceptInvitationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string NewPassword = "Chosen-By-Me-42";

    private static string Link(string token) => $"/admin/invitations/accept?token={token}";

    private static Dictionary<string, string> NewAccount(string? name = null) => new()
    {
        ["NewAccount.DisplayName"] = name ?? "", ["NewAccount.Password"] = NewPassword, ["NewAccount.ConfirmPassword"] = NewPassword,
    };

    private static async Task<JsonElement> MembersAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct)).GetProperty("items");

    [Fact]
    public async Task A_new_person_chooses_their_own_password_and_is_signed_in_to_the_workspace()
    {
        var tenant = await app.ProvisionTenantAsync("accept", Ct);
        var email = $"new-{Guid.NewGuid():N}@example.test";
        var token = await Members.InviteAsync(app.Factory, tenant.Id, email, "Ada Admin's pick", TenantRole.Admin, Ct);
        using var visitor = AdminClient.Open(app.Factory);

        var (status, page) = await visitor.GetAsync(Link(token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(tenant.Name, page);
        Assert.Contains("data-testid=\"accept-new\"", page);

        var mismatch = await visitor.PostFormAsync(Link(token), new() { ["NewAccount.Password"] = NewPassword, ["NewAccount.ConfirmPassword"] = "Other-Pass-42" });
        Assert.Contains("The two passwords differ.", mismatch.Html);
        var weak = await visitor.PostFormAsync(Link(token), new() { ["NewAccount.Password"] = "short", ["NewAccount.ConfirmPassword"] = "short" });
        Assert.Contains("Passwords must be at least 10 characters.", System.Net.WebUtility.HtmlDecode(weak.Html));
        var accepted = await visitor.PostFormAsync(Link(token), NewAccount("Ada Lovelace"));

        Assert.Equal("/admin", accepted.Location);
        var (_, settings) = await visitor.GetAsync("/admin/settings/users"); // signed in, as the invited admin
        Assert.Contains("Ada Lovelace", settings);
        using var admin = app.CreateClient(tenant.ApiKey);
        var joined = (await MembersAsync(admin)).EnumerateArray().Single(m => m.GetProperty("email").GetString() == email);
        Assert.Equal(("Ada Lovelace", "admin"), (joined.GetProperty("displayName").GetString(), joined.GetProperty("role").GetString()));

        // The password is the one they chose, and the link is spent.
        using var again = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await again.SignInAsync(email, NewPassword)).Location);
        var (reuseStatus, reuse) = await AdminClient.Open(app.Factory).GetAsync(Link(token));
        Assert.Equal(HttpStatusCode.NotFound, reuseStatus);
        Assert.Contains("no longer valid", reuse);
    }

    [Fact]
    public async Task An_existing_account_accepts_only_while_signed_in_as_itself()
    {
        var home = await app.ProvisionTenantAsync("home", Ct);
        var tenant = await app.ProvisionTenantAsync("joins", Ct);
        var token = await Members.InviteAsync(app.Factory, tenant.Id, home.AdminEmail, "Home's admin", TenantRole.Supervisor, Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        // Not signed in: the page asks to sign in, and a posted password does nothing.
        using var visitor = AdminClient.Open(app.Factory);
        var (_, page) = await visitor.GetAsync(Link(token));
        Assert.Contains("data-testid=\"sign-in-to-accept\"", page);
        var posted = await visitor.PostFormAsync(Link(token), NewAccount());
        Assert.Equal((HttpStatusCode.Forbidden, null), (posted.Status, posted.Location));
        Assert.Equal(1, (await MembersAsync(admin)).GetArrayLength());

        // Signed in as itself (in its own workspace): sign-in comes back to the link, which joins and switches workspace.
        var signIn = await visitor.SignInAsync(home.AdminEmail, AppFixture.AdminPassword, returnUrl: Link(token));
        Assert.Equal(Link(token), signIn.Location);
        var (_, signedIn) = await visitor.GetAsync(Link(token));
        Assert.Contains("data-testid=\"accept-existing\"", signedIn);
        var accepted = await visitor.PostFormAsync(Link(token), []);

        Assert.Equal("/admin", accepted.Location);
        var (_, dashboard) = await visitor.GetAsync("/admin");
        Assert.Contains($"data-testid=\"tenant-name\">{tenant.Name}<", dashboard);
        Assert.Equal(2, (await MembersAsync(admin)).GetArrayLength());
        // The password is unchanged, and sign-in now offers both workspaces.
        using var later = AdminClient.Open(app.Factory);
        var choose = await later.SignInAsync(home.AdminEmail, AppFixture.AdminPassword);
        Assert.Contains(home.Name, choose.Html);
        Assert.Contains(tenant.Name, choose.Html);
    }

    [Fact]
    public async Task An_account_signed_in_as_someone_else_cannot_accept_and_is_not_told_who_was_invited()
    {
        var other = await app.ProvisionTenantAsync("other", Ct);
        var tenant = await app.ProvisionTenantAsync("target", Ct);
        var invited = $"invited-{Guid.NewGuid():N}@example.test";
        var token = await Members.InviteAsync(app.Factory, tenant.Id, invited, "Invited", TenantRole.Admin, Ct);
        using var someoneElse = AdminClient.Open(app.Factory);
        await someoneElse.SignInAsync(other.AdminEmail, AppFixture.AdminPassword);

        var (status, page) = await someoneElse.GetAsync(Link(token));
        var posted = await someoneElse.PostFormAsync(Link(token), NewAccount());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"another-account\"", page);
        Assert.DoesNotContain(invited, page);
        Assert.Equal((HttpStatusCode.Forbidden, null), (posted.Status, posted.Location));
        using var admin = app.CreateClient(tenant.ApiKey);
        Assert.Equal(1, (await MembersAsync(admin)).GetArrayLength());
        var (_, dashboard) = await someoneElse.GetAsync("/admin"); // still in their own workspace
        Assert.Contains($"data-testid=\"tenant-name\">{other.Name}<", dashboard);
        Assert.Equal("pending", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations", Ct)).GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_and_malformed_tokens_are_404_without_a_500()
    {
        using var visitor = AdminClient.Open(app.Factory);
        foreach (var token in new[] { "", "x", new string('A', 43), "%27;--", new string('z', 5000) })
        {
            var (status, page) = await visitor.GetAsync(Link(token));
            Assert.True(status == HttpStatusCode.NotFound, $"{token[..Math.Min(token.Length, 10)]}: {status}");
            Assert.Contains("data-testid=\"invitation-invalid\"", page);
        }
        var (nul, _) = await visitor.GetAsync(Link("%00%27;--"));
        Assert.Equal(HttpStatusCode.BadRequest, nul); // a NUL in a query is refused before any page runs
    }

    [Fact]
    public async Task A_link_expires_after_7_days_and_resending_gives_a_working_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "expiry", Ct);
        var email = $"late-{Guid.NewGuid():N}@example.test";
        var token = await Members.InviteAsync(host, tenant.Id, email, "Late", TenantRole.Agent, Ct);
        using var admin = AppFixture.CreateClient(host, tenant.ApiKey);
        using var visitor = AdminClient.Open(host);

        clock.Advance(Invitation.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Link(token))).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (status, page) = await visitor.GetAsync(Link(token));
        var posted = await visitor.PostFormAsync(Link(token), NewAccount());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no longer valid", page);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        var invitation = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations", Ct)).GetProperty("items")[0];
        Assert.Equal("expired", invitation.GetProperty("status").GetString());

        using var resent = await admin.PostAsync($"/api/v1/invitations/{invitation.GetProperty("id").GetGuid()}/resend", null, Ct);
        var renewed = await resent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("pending", clock.GetUtcNow() + Invitation.Lifetime),
            (renewed.GetProperty("status").GetString(), renewed.GetProperty("expiresAt").GetDateTimeOffset()));
        var fresh = await Members.InvitationTokenAsync(host, tenant.Id, email, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Link(token))).Status);
        Assert.Equal("/admin", (await visitor.PostFormAsync(Link(fresh), NewAccount())).Location);
    }
}
