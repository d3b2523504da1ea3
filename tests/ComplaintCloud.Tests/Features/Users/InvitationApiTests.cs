using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Users;
using ComplaintCloud.Api.Features.Users.AcceptInvitation;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>Members and invitations through the API (admin scope): POST/GET /invitations, resend, revoke, GET /members.</summary>
public sealed class InvitationApiTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> InviteAsync(HttpClient admin, string email, string displayName = "Ada Agent", string role = "agent") =>
        admin.PostAsJsonAsync("/api/v1/invitations", new { email, displayName, role }, Ct);

    private static string NewEmail(string prefix = "invitee") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task Inviting_answers_201_with_the_invitation_and_mails_a_link_in_the_workspace_language()
    {
        var slug = AppFixture.UniqueSlug("zh");
        using var platform = app.CreatePlatformClient();
        using var provisioned = await platform.PostAsJsonAsync("/api/v1/tenants",
            AppFixture.ProvisionBody(slug, name: "莲花银行 " + slug, locale: "zh-Hans"), Ct);
        var created = await provisioned.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var tenantId = created.GetProperty("id").GetGuid();
        using var admin = app.CreateClient(created.GetProperty("apiKey").GetString());
        var email = NewEmail();

        using var response = await InviteAsync(admin, email, "李专员", "supervisor");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/invitations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((email, "李专员", "supervisor", "pending", "api_key"), (body.GetProperty("email").GetString(), body.GetProperty("displayName").GetString(),
            body.GetProperty("role").GetString(), body.GetProperty("status").GetString(), body.GetProperty("invitedBy").GetProperty("kind").GetString()));
        Assert.Equal(body.GetProperty("createdAt").GetDateTimeOffset().AddDays(7), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.DoesNotContain("token", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

        var mail = await Members.NewestEmailBodyAsync(app.Factory, tenantId, InvitationEmails.Kind, email, Ct);
        Assert.Contains("以主管身份加入", mail);
        Assert.Contains($"/admin/invitations/accept?token={Members.TokenIn(mail)}", mail);
        Assert.Contains("莲花银行", mail);
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_or_not_the_email_has_an_account_elsewhere()
    {
        var elsewhere = await app.ProvisionTenantAsync("elsewhere", Ct); // its admin is an account with a password and a name
        var tenant = await app.ProvisionTenantAsync("same", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var existing = await InviteAsync(admin, elsewhere.AdminEmail, "Ada", "admin");
        using var unknown = await InviteAsync(admin, NewEmail("unknown"), "Ada", "admin");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (existing.StatusCode, unknown.StatusCode));
        var (a, b) = (await existing.Content.ReadFromJsonAsync<JsonElement>(Ct), await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct));
        Assert.Equal(Shape(a), Shape(b));
        Assert.Equal(existing.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Equal(existing.Headers.Select(h => h.Key).Order(), unknown.Headers.Select(h => h.Key).Order());
    }

    /// <summary>The body with what differs per invitation (id, address, instants) blanked out.</summary>
    private static string Shape(JsonElement invitation)
    {
        var fields = invitation.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        foreach (var varying in new[] { "id", "email", "createdAt", "expiresAt", "lastSentAt" }) fields[varying] = "*";
        return JsonSerializer.Serialize(fields.OrderBy(f => f.Key));
    }

    [Fact]
    public async Task Only_this_workspaces_members_and_pending_invitations_are_refused()
    {
        var tenant = await app.ProvisionTenantAsync("dupe", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var pending = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(admin, pending)).StatusCode);

        // This workspace's own data may be named: its member (in any case) and its pending invitation.
        await Problems.AssertProblemAsync(await InviteAsync(admin, tenant.AdminEmail.ToUpperInvariant()), HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(await InviteAsync(admin, pending), HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(await InviteAsync(admin, NewEmail(), role: "owner"), HttpStatusCode.BadRequest);
        var errors = (await Problems.AssertProblemAsync(await InviteAsync(admin, "not-an-email", " "), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _) && errors.TryGetProperty("displayName", out _), errors.ToString());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations", Ct);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength()); // the refused ones changed nothing
    }

    [Fact]
    public async Task Resend_issues_a_new_link_and_the_old_one_stops_working()
    {
        var tenant = await app.ProvisionTenantAsync("resend", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var email = NewEmail();
        var id = Id(await (await InviteAsync(admin, email)).Content.ReadFromJsonAsync<JsonElement>(Ct));
        var first = await Members.InvitationTokenAsync(app.Factory, tenant.Id, email, Ct);

        using var resent = await admin.PostAsync($"/api/v1/invitations/{id}/resend", null, Ct);

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var second = await Members.InvitationTokenAsync(app.Factory, tenant.Id, email, Ct);
        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<NotFoundException>(() => AcceptAsNewAsync(tenant.Id, first));
        Assert.NotEqual(Guid.Empty, (await AcceptAsNewAsync(tenant.Id, second)).UserId);
        var accepted = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/invitations/{id}", Ct);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        // Done: neither resent nor revoked any more.
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/invitations/{id}/resend", null, Ct), HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(await admin.DeleteAsync($"/api/v1/invitations/{id}", Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_revoked_invitation_cannot_be_accepted_or_resent()
    {
        var tenant = await app.ProvisionTenantAsync("revoke", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var email = NewEmail();
        var id = Id(await (await InviteAsync(admin, email)).Content.ReadFromJsonAsync<JsonElement>(Ct));
        var token = await Members.InvitationTokenAsync(app.Factory, tenant.Id, email, Ct);

        using var revoked = await admin.DeleteAsync($"/api/v1/invitations/{id}", Ct);
        using var again = await admin.DeleteAsync($"/api/v1/invitations/{id}", Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (revoked.StatusCode, again.StatusCode));
        await Assert.ThrowsAsync<RuleConflictException>(() => AcceptAsNewAsync(tenant.Id, token));
        await Problems.AssertProblemAsync(await admin.PostAsync($"/api/v1/invitations/{id}/resend", null, Ct), HttpStatusCode.Conflict);
        Assert.Equal("revoked", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/invitations/{id}", Ct)).GetProperty("status").GetString());
        var members = await admin.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct);
        Assert.Equal(1, members.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_an_invitation_and_changes_nothing()
    {
        var a = await app.ProvisionTenantAsync("inva", Ct);
        var b = await app.ProvisionTenantAsync("invb", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        using var adminB = app.CreateClient(b.ApiKey);
        var id = Id(await (await InviteAsync(adminA, NewEmail())).Content.ReadFromJsonAsync<JsonElement>(Ct));

        await Problems.AssertProblemAsync(await adminB.GetAsync($"/api/v1/invitations/{id}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await adminB.PostAsync($"/api/v1/invitations/{id}/resend", null, Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await adminB.DeleteAsync($"/api/v1/invitations/{id}", Ct), HttpStatusCode.NotFound);
        var member = (await adminA.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct)).GetProperty("items")[0];
        await Problems.AssertProblemAsync(await adminB.GetAsync($"/api/v1/members/{Id(member)}", Ct), HttpStatusCode.NotFound);

        var invitation = await adminA.GetFromJsonAsync<JsonElement>($"/api/v1/invitations/{id}", Ct);
        Assert.Equal("pending", invitation.GetProperty("status").GetString());
        Assert.Equal(0, (await adminB.GetFromJsonAsync<JsonElement>("/api/v1/invitations", Ct)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Invitations_are_listed_newest_first_in_pages_and_filtered_by_status()
    {
        var tenant = await app.ProvisionTenantAsync("invlist", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(Id(await (await InviteAsync(admin, NewEmail())).Content.ReadFromJsonAsync<JsonElement>(Ct)));
        await admin.DeleteAsync($"/api/v1/invitations/{ids[0]}", Ct);

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations?limit=2", Ct);
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/invitations?limit=2&cursor={Uri.EscapeDataString(cursor)}", Ct);
        var revoked = await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations?status=revoked", Ct);
        var open = await admin.GetFromJsonAsync<JsonElement>("/api/v1/invitations?status=pending&status=expired", Ct);

        Assert.Equal([ids[2], ids[1], ids[0]], first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(Id));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal([ids[0]], revoked.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([ids[2], ids[1]], open.GetProperty("items").EnumerateArray().Select(Id));
        var bad = await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/invitations?status=gone", Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Members_are_listed_as_this_workspace_knows_them_and_nothing_else()
    {
        var a = await app.ProvisionTenantAsync("mema", Ct);
        var b = await app.ProvisionTenantAsync("memb", Ct);
        var email = NewEmail("alice");
        var userId = await Members.JoinAsync(app.Factory, a.Id, email, "Alice in A", TenantRole.Supervisor, AppFixture.AdminPassword, Ct);
        await Members.JoinAsExistingAsync(app.Factory, b.Id, email, userId, TenantRole.Agent, Ct); // B invites by the email only

        using var adminB = app.CreateClient(b.ApiKey);
        var members = await adminB.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct);

        var alice = members.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == userId);
        Assert.Equal(["createdAt", "disabled", "displayName", "email", "id", "role", "userId"], alice.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal((email, email, "agent", false), (alice.GetProperty("email").GetString(), alice.GetProperty("displayName").GetString(),
            alice.GetProperty("role").GetString(), alice.GetProperty("disabled").GetBoolean()));
        Assert.DoesNotContain("Alice in A", members.ToString());
        var one = await adminB.GetFromJsonAsync<JsonElement>($"/api/v1/members/{Id(alice)}", Ct);
        Assert.Equal(alice.ToString(), one.ToString());
    }

    private Task<AcceptedInvitation> AcceptAsNewAsync(Guid tenantId, string token) =>
        Members.InTenantAsync(app.Factory, tenantId, sender => sender.Send(new AcceptInvitationCommand(token, null, AppFixture.AdminPassword, null), Ct).AsTask());

    private static Guid Id(JsonElement resource) => resource.GetProperty("id").GetGuid();
}
