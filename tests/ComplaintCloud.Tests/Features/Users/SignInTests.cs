using System.Net;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>Issue 9, point 6: sign-in is throttled per client address and its refusals say nothing about accounts.</summary>
public sealed class SignInTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_eleventh_attempt_from_one_address_is_refused_while_another_address_still_signs_in()
    {
        var tenant = await app.ProvisionTenantAsync("throttle", Ct);
        // The product's defaults (10 attempts in 5 minutes), not the fixture's generous ones.
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["SignIn:AttemptsPerWindow"] = "10", ["SignIn:Window"] = "00:05:00" },
            ClientAddresses.Register);
        using var guesser = AdminClient.Open(host, "203.0.113.7");

        var answers = new List<FormAnswer>();
        for (var attempt = 1; attempt <= 10; attempt++) answers.Add(await guesser.SignInAsync($"guess-{attempt}@example.test", "Wrong-password-1"));
        var eleventh = await guesser.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword); // even the right password

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, "Invalid email or password."), (a.Status, a.Alerts)));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.Status);
        Assert.Contains("Too many sign-in attempts", eleventh.Alerts);
        Assert.InRange(eleventh.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.False(await guesser.IsSignedInAsync());

        using var colleague = AdminClient.Open(host, "198.51.100.23");
        Assert.Equal("/admin", (await colleague.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        // IPv6 clients count per /64: another address in the same network shares the budget.
        using var v6 = AdminClient.Open(host, "2001:db8:1:2::10");
        for (var attempt = 1; attempt <= 10; attempt++) await v6.SignInAsync($"v6-{attempt}@example.test", "Wrong-password-1");
        using var v6Neighbour = AdminClient.Open(host, "2001:db8:1:2::99");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await v6Neighbour.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Status);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_disabled_accounts_all_get_the_same_answer()
    {
        var tenant = await app.ProvisionTenantAsync("same", Ct);
        var locked = $"locked-{Guid.NewGuid():N}@example.test";
        var disabled = $"disabled-{Guid.NewGuid():N}@example.test";
        await Members.JoinAsync(app.Factory, tenant.Id, locked, "Locked", TenantRole.Agent, AppFixture.AdminPassword, Ct);
        var disabledId = await Members.JoinAsync(app.Factory, tenant.Id, disabled, "Disabled", TenantRole.Agent, AppFixture.AdminPassword, Ct);
        await DisableAsync(tenant.Id, disabledId);
        using var client = AdminClient.Open(app.Factory);
        for (var i = 0; i < 5; i++) await client.SignInAsync(locked, "Wrong-password-1"); // Identity locks after 5 failures

        var unknown = await client.SignInAsync($"nobody-{Guid.NewGuid():N}@example.test", AppFixture.AdminPassword);
        var wrong = await client.SignInAsync(tenant.AdminEmail, "Wrong-password-1");
        var lockedRight = await client.SignInAsync(locked, AppFixture.AdminPassword);
        var disabledRight = await client.SignInAsync(disabled, AppFixture.AdminPassword);

        var answers = new[] { unknown, wrong, lockedRight, disabledRight };
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, null, "Invalid email or password."), (a.Status, a.Location, a.Alerts)));
        Assert.Single(answers.Select(a => Form(a.Html)).Distinct());
        Assert.False(await client.IsSignedInAsync());
    }

    /// <summary>The page with what legitimately varies (the antiforgery token, the typed email) taken out.</summary>
    private static string Form(string html) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "CfDJ8[A-Za-z0-9_-]+", ""),
            "id=\"Input_Email\"[^>]*value=\"[^\"]*\"", "");

    private async Task DisableAsync(Guid tenantId, Guid userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<Api.Infrastructure.Persistence.AppDbContext>();
        await db.TenantMembers.Where(m => m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Disabled, true), Ct);
    }

    [Fact]
    public async Task A_password_change_ends_the_accounts_other_sessions()
    {
        var tenant = await app.ProvisionTenantAsync("stamp", Ct);
        using var session = AdminClient.Open(app.Factory);
        await session.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
        Assert.True(await session.IsSignedInAsync());

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(tenant.AdminEmail))!;
            Assert.True((await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "Another-Passw0rd")).Succeeded);
        }

        Assert.False(await session.IsSignedInAsync());
    }
}
