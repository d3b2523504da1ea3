extern alias migrations;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.RequestPasswordReset;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using InvitationsSql = migrations::ComplaintCloud.Migrations.InvitationsSql;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>
/// Issue 9, point 1: adding a member used to attach an existing platform account, with its password, to whichever
/// workspace added its email. The reported steps, replayed against the fixed app, end without any access to Lotus.
/// </summary>
public sealed class AccountTakeoverTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string AcmeChosenPassword = "Acme-Chose-This-1";

    [Fact]
    public async Task The_reported_steps_end_without_access_to_Lotus()
    {
        var acme = await app.ProvisionTenantAsync("acme", Ct);
        var lotus = await app.ProvisionTenantAsync("lotus", Ct);
        var newhire = $"newhire-{Guid.NewGuid():N}@lotus.test";

        // 1. Acme's admin adds newhire@lotus.test with a password Acme chose (the old form's field is sent along).
        using var acmeAdmin = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await acmeAdmin.SignInAsync(acme.AdminEmail, AppFixture.AdminPassword)).Location);
        var acmeNotice = await AddUserAsync(acmeAdmin, newhire, "New Hire", TenantRole.Agent, AcmeChosenPassword);
        Assert.Equal($"Invitation sent to {newhire}.", acmeNotice);

        // 2. Lotus's admin adds the same email as Admin, and sees what they see for an address nobody has.
        using var lotusAdmin = AdminClient.Open(app.Factory);
        await lotusAdmin.SignInAsync(lotus.AdminEmail, AppFixture.AdminPassword);
        var lotusNotice = await AddUserAsync(lotusAdmin, newhire, "New Hire", TenantRole.Admin);
        var unknown = $"nobody-{Guid.NewGuid():N}@lotus.test";
        var unknownNotice = await AddUserAsync(lotusAdmin, unknown, "Nobody", TenantRole.Admin);
        Assert.Equal(unknownNotice.Replace(unknown, "{email}"), lotusNotice.Replace(newhire, "{email}"));

        // 3. Acme's admin signs in with that password and picks Lotus: refused like any wrong password, no session.
        using var attacker = AdminClient.Open(app.Factory);
        var signIn = await attacker.SignInAsync(newhire, AcmeChosenPassword, lotus.Id);
        Assert.Equal((HttpStatusCode.OK, "Invalid email or password."), (signIn.Status, signIn.Alerts));
        Assert.False(await attacker.IsSignedInAsync());
        var settings = await attacker.GetAsync("/admin/settings/users");
        Assert.Equal(HttpStatusCode.Redirect, settings.Status);

        // Acme's admin's own account cannot pick Lotus either: it lands in Acme, whose user list shows nothing of Lotus.
        using var acmeAgain = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await acmeAgain.SignInAsync(acme.AdminEmail, AppFixture.AdminPassword, lotus.Id)).Location);
        var (_, acmeUsers) = await acmeAgain.GetAsync("/admin/settings/users");
        Assert.Contains(acme.AdminEmail, acmeUsers);
        Assert.DoesNotContain(lotus.AdminEmail, acmeUsers);

        // Nobody joined Lotus, and no account was made for the address.
        using var lotusApi = app.CreateClient(lotus.ApiKey);
        var members = await lotusApi.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct);
        Assert.Equal([lotus.AdminEmail], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("email").GetString()));
        Assert.Null(await FindUserAsync(newhire));
    }

    [Fact]
    public async Task An_account_whose_password_Acme_chose_before_the_fix_cannot_reach_Lotus_with_it()
    {
        var acme = await app.ProvisionTenantAsync("acme", Ct);
        var lotus = await app.ProvisionTenantAsync("lotus", Ct);
        var newhire = $"newhire-{Guid.NewGuid():N}@lotus.test";
        await CreateLegacyMemberAsync(acme.Id, newhire, AcmeChosenPassword); // as the Invitations migration leaves it

        using var lotusApi = app.CreateClient(lotus.ApiKey);
        using var invited = await lotusApi.PostAsJsonAsync("/api/v1/invitations", new { email = newhire, displayName = "New Hire", role = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);

        using var attacker = AdminClient.Open(app.Factory);
        var signIn = await attacker.SignInAsync(newhire, AcmeChosenPassword, lotus.Id);

        // The right password only sends the mailbox a link to choose a new one; no session, in Lotus or anywhere.
        Assert.Contains("choose your own password", signIn.Html);
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Contains("/admin/reset-password?user=", await Members.NewestEmailBodyAsync(app.Factory, acme.Id, RequestPasswordResetHandler.Kind, newhire, Ct));
        var members = await lotusApi.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct);
        Assert.Equal(1, members.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_migration_marks_accounts_whose_first_workspace_added_them_but_not_provisioned_admins()
    {
        var first = await app.ProvisionTenantAsync("mark", Ct);
        var added = await Members.JoinAsync(app.Factory, first.Id, $"added-{Guid.NewGuid():N}@example.test", "Added", TenantRole.Agent,
            AppFixture.AdminPassword, Ct);
        // An admin who was provisioned first and later joined another workspace chose their password themselves.
        var second = await app.ProvisionTenantAsync("mark", Ct);
        var provisioned = (await FindUserAsync(second.AdminEmail))!.Id;
        await Members.JoinAsExistingAsync(app.Factory, first.Id, second.AdminEmail, provisioned, TenantRole.Agent, Ct);
        var firstAdmin = (await FindUserAsync(first.AdminEmail))!.Id;

        // Run the migration's statement as the schema owner, read the marks, and leave the shared database as it was.
        await using var owner = new NpgsqlConnection(app.Database.OwnerConnectionString);
        await owner.OpenAsync(Ct);
        await using var transaction = await owner.BeginTransactionAsync(Ct);
        await using (var mark = new NpgsqlCommand(InvitationsSql.MarkPasswordsChosenByOthers, owner, transaction)) await mark.ExecuteNonQueryAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT id, must_change_password FROM users WHERE id = ANY($1)", owner, transaction)
        {
            Parameters = { new() { Value = new[] { added, provisioned, firstAdmin } } },
        };
        var marks = new Dictionary<Guid, bool>();
        await using (var reader = await read.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) marks[reader.GetGuid(0)] = reader.GetBoolean(1);
        await transaction.RollbackAsync(Ct);

        Assert.True(marks[added], "an account created by adding it to a workspace");
        Assert.False(marks[firstAdmin], "a workspace's provisioned admin");
        Assert.False(marks[provisioned], "a provisioned admin");
    }

    /// <summary>Posts Settings → Users' add form and returns the notice the admin sees after the redirect.</summary>
    private static async Task<string> AddUserAsync(AdminClient admin, string email, string name, TenantRole role, string? initialPassword = null)
    {
        var fields = new Dictionary<string, string> { ["NewMember.Email"] = email, ["NewMember.DisplayName"] = name, ["NewMember.Role"] = role.ToString() };
        if (initialPassword is not null) fields["NewMember.InitialPassword"] = initialPassword;
        var answer = await admin.PostFormAsync("/admin/settings/users", fields, "/admin/settings/users?handler=Create");
        Assert.True(answer.Status == HttpStatusCode.Redirect, $"{answer.Status}: {answer.Alerts}");
        var (_, page) = await admin.GetAsync(answer.Location!);
        return System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"notice\">([^<]*)<").Groups[1].Value);
    }

    /// <summary>An account made by the old add-member path (its password chosen by the adding admin), marked as the migration marks it.</summary>
    private async Task CreateLegacyMemberAsync(Guid tenantId, string email, string password)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var user = new AppUser { UserName = email, Email = email, DisplayName = "New Hire", MustChangePassword = true };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.TenantMembers.Add(TenantMember.Join(user, "New Hire", TenantRole.Agent, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<AppUser?> FindUserAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }
}
