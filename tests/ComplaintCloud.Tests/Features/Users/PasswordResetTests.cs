using System.Net;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.RequestPasswordReset;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>"Forgot password?" and the forced choice of one's own password, through the emailed single-use link.</summary>
public sealed partial class PasswordResetTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Chosen = "My-Own-Choice-7";

    private static Task<FormAnswer> RequestResetAsync(AdminClient client, string email) =>
        client.PostFormAsync("/admin/forgot-password", new() { ["Input.Email"] = email });

    private static Dictionary<string, string> NewPassword(string password) =>
        new() { ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password };

    /// <summary>The reset link in the newest reset email to the address, as a local URL.</summary>
    private async Task<string> ResetLinkAsync(Guid storedIn, string email) =>
        ResetLinkPattern().Match(await Members.NewestEmailBodyAsync(app.Factory, storedIn, RequestPasswordResetHandler.Kind, email, Ct)).Value;

    [Fact]
    public async Task A_forgotten_password_is_reset_once_through_the_emailed_link_and_unknown_addresses_get_the_same_answer()
    {
        var tenant = await app.ProvisionTenantAsync("forgot", Ct);
        using var client = AdminClient.Open(app.Factory);

        var known = await RequestResetAsync(client, tenant.AdminEmail);
        var unknown = await RequestResetAsync(client, $"nobody-{Guid.NewGuid():N}@example.test");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (known.Status, unknown.Status));
        Assert.Equal(Page(known.Html), Page(unknown.Html));
        Assert.Contains("data-testid=\"reset-requested\"", known.Html);

        var link = await ResetLinkAsync(tenant.Id, tenant.AdminEmail);
        Assert.StartsWith("/admin/reset-password?user=", link);
        var saved = await client.PostFormAsync(link, NewPassword(Chosen));
        Assert.Equal("/admin/sign-in?reset=done", saved.Location);

        var reused = await client.PostFormAsync(link, NewPassword("Second-Try-Pass9"));
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Contains("does not work any more", reused.Alerts);
        using var signIn = AdminClient.Open(app.Factory);
        Assert.Equal("Invalid email or password.", (await signIn.SignInAsync(tenant.AdminEmail, "Second-Try-Pass9")).Alerts);
        Assert.Equal("Invalid email or password.", (await signIn.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Alerts);
        Assert.Equal("/admin", (await signIn.SignInAsync(tenant.AdminEmail, Chosen)).Location);
    }

    [Fact]
    public async Task The_reset_email_speaks_for_the_platform_in_the_accounts_language()
    {
        var slug = AppFixture.UniqueSlug("zhreset");
        var email = $"admin-{slug}@example.test";
        using (var platform = app.CreatePlatformClient())
            Assert.Equal(HttpStatusCode.Created, (await platform.PostAsync("/api/v1/tenants",
                System.Net.Http.Json.JsonContent.Create(AppFixture.ProvisionBody(slug, name: "莲花 " + slug, email: email, locale: "zh-Hans")), Ct)).StatusCode);
        var tenantId = (await app.GetService<Api.Infrastructure.Tenancy.TenantDirectory>().FindIdBySlugAsync(slug, Ct))!.Value;
        using var client = AdminClient.Open(app.Factory);

        await RequestResetAsync(client, email);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Api.Infrastructure.Tenancy.ITenantContext>().Set(tenantId);
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == email && m.Kind == RequestPasswordResetHandler.Kind, Ct);
        Assert.Equal((RequestPasswordResetHandler.PlatformSender, (Guid?)null), (row.FromName, row.ComplaintId));
        Assert.Contains("设置新密码", row.Body);
    }

    [Fact]
    public async Task Broken_links_are_a_400_and_change_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("broken", Ct);
        var userId = await UserIdAsync(tenant.AdminEmail);
        using var client = AdminClient.Open(app.Factory);

        var missing = await client.GetAsync("/admin/reset-password");
        var forged = await client.PostFormAsync($"/admin/reset-password?user={userId:N}&token=bm90LWEtdG9rZW4", NewPassword(Chosen));
        var garbage = await client.PostFormAsync($"/admin/reset-password?user={userId:N}&token=%%%", NewPassword(Chosen));
        var nobody = await client.PostFormAsync($"/admin/reset-password?user={Guid.NewGuid():N}&token=bm90LWEtdG9rZW4", NewPassword(Chosen));

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.All([forged, garbage, nobody], a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.Equal("/admin", (await client.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
    }

    [Fact]
    public async Task Reset_requests_are_throttled_per_client_address()
    {
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["PasswordReset:RequestsPerWindow"] = "2" }, ClientAddresses.Register);
        using var client = AdminClient.Open(host, "203.0.113.40");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await RequestResetAsync(client, $"someone-{i}@example.test")).Status);
        using var other = AdminClient.Open(host, "203.0.113.41");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await RequestResetAsync(other, "someone@example.test")).Status);
    }

    [Fact]
    public async Task An_account_whose_password_someone_else_chose_chooses_its_own_at_next_sign_in()
    {
        var tenant = await app.ProvisionTenantAsync("forced", Ct);
        var email = $"flagged-{Guid.NewGuid():N}@example.test";
        await Members.JoinAsync(app.Factory, tenant.Id, email, "Flagged", TenantRole.Agent, AppFixture.AdminPassword, Ct);
        await SetMustChangePasswordAsync(email);
        using var client = AdminClient.Open(app.Factory);

        var signIn = await client.SignInAsync(email, AppFixture.AdminPassword);

        Assert.Null(signIn.Location);
        Assert.Contains("data-testid=\"choose-own-password\"", signIn.Html);
        Assert.False(await client.IsSignedInAsync());
        var wrong = await client.SignInAsync(email, "Wrong-password-1"); // a wrong password learns nothing about the mark
        Assert.Equal("Invalid email or password.", wrong.Alerts);

        var saved = await client.PostFormAsync(await ResetLinkAsync(tenant.Id, email), NewPassword(Chosen));
        Assert.Equal("/admin/sign-in?reset=done", saved.Location);
        Assert.Equal("Invalid email or password.", (await client.SignInAsync(email, AppFixture.AdminPassword)).Alerts);
        Assert.Equal("/admin", (await client.SignInAsync(email, Chosen)).Location);
        Assert.True(await client.IsSignedInAsync());
    }

    private async Task SetMustChangePasswordAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.MustChangePassword = true;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private static string Page(string html) => AntiforgeryPattern().Replace(html, "");

    [GeneratedRegex("/admin/reset-password\\?user=[0-9a-f]{32}&token=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLinkPattern();

    // Antiforgery tokens (in the forms and in htmx's config) are data-protected payloads, new on every page.
    [GeneratedRegex("CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex AntiforgeryPattern();
}
