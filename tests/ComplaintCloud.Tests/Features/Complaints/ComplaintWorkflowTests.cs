using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>The eight-step handling workflow through the API: legal paths, illegal actions, approval and role rules.</summary>
public sealed class ComplaintWorkflowTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_complaint_goes_from_received_to_closed_and_every_step_is_on_the_timeline()
    {
        var tenant = await app.ProvisionTenantAsync("flow", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var department = await new Workspace(app, tenant).AddDepartmentAsync("Refunds", [], Ct);
        var c = await CreateAsync(client);
        Assert.Equal("received", Status(c));
        Assert.Equal(["acknowledge", "await-customer", "respond-in-progress"], Allowed(c));

        c = await DoAsync(client, c, "acknowledge", new { message = "Thank you, we are looking into it." });
        Assert.Equal("acknowledged", Status(c));
        c = await DoAsync(client, c, "assess", new { valid = true, severity = "serious", cause = "service", purpose = "compensation_demand", customerBehaviour = "venting" });
        Assert.Equal(("assessed", "serious", "service"), (Status(c), c.GetProperty("severity").GetString(), c.GetProperty("cause").GetString()));
        c = await DoAsync(client, c, "assign", new { departmentId = department });
        Assert.Equal("assigned", Status(c));
        c = await DoAsync(client, c, "record-findings", new { rootCause = "Refund batch job failed", responsibleParty = "own_staff" });
        Assert.Equal("investigating", Status(c));
        c = await DoAsync(client, c, "propose-solution", new { remedyType = "refund", amount = 49.99m, currency = "usd", description = "Refund and apology" });
        Assert.Equal("solution_proposed", Status(c));
        Assert.False(c.GetProperty("remedy").GetProperty("approvalRequired").GetBoolean());
        Assert.Equal("USD", c.GetProperty("remedy").GetProperty("currency").GetString());
        c = await DoAsync(client, c, "implement");
        c = await DoAsync(client, c, "resolve", new { summary = "Refunded" });
        Assert.Equal("resolved", Status(c));
        Assert.DoesNotContain("close", Allowed(c)); // not before the customer accepts
        c = await DoAsync(client, c, "customer-accept");
        Assert.Contains("close", Allowed(c));
        c = await DoAsync(client, c, "close", new { summary = "Refund paid, customer satisfied", lessonsLearned = "Monitor the refund job" });
        Assert.Equal("closed", Status(c));
        Assert.Equal(["reopen"], Allowed(c));

        Assert.Equal(
        [
            "complaint.received", "complaint.acknowledged", "complaint.assessed", "complaint.assigned", "complaint.findings_recorded",
            "complaint.solution_proposed", "complaint.implementation_started", "complaint.resolved", "return_visit.scheduled", "complaint.customer_accepted",
            "complaint.closed",
        ], await EventTypesAsync(client, c));
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_is_a_409_naming_the_allowed_ones_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("illegal", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);

        using var response = await ActAsync(client, c, "resolve");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(["acknowledge", "await-customer", "respond-in-progress"], problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("acknowledge", problem.GetProperty("detail").GetString());
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("received", Status(again));
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, c));
    }

    [Theory]
    [InlineData("acknowledge", "acknowledge")] // twice
    [InlineData("assess", null)]               // before acknowledging
    [InlineData("close", null)]                // from received
    [InlineData("resume", null)]               // not waiting
    [InlineData("approve", null)]              // nothing to approve
    public async Task Illegal_actions_are_refused(string first, string? second)
    {
        var tenant = await app.ProvisionTenantAsync("illegal", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        if (second is not null) c = await DoAsync(client, c, first);

        using var response = await ActAsync(client, c, second ?? first, new { valid = true, summary = "x", reason = "x" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_unknown_action_is_a_400_listing_the_actions()
    {
        var tenant = await app.ProvisionTenantAsync("unknown", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);

        using var response = await ActAsync(client, c, "escalate-to-ceo");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("record-findings", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_complaint_is_closed_with_its_reason_and_can_be_reopened()
    {
        var tenant = await app.ProvisionTenantAsync("invalid", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await DoAsync(client, await CreateAsync(client), "acknowledge");

        using (var noReason = await ActAsync(client, c, "assess", new { valid = false }))
            await Problems.AssertProblemAsync(noReason, HttpStatusCode.BadRequest);
        c = await DoAsync(client, c, "assess", new { valid = false, reason = "The order was placed with another company." });

        Assert.Equal("closed", Status(c));
        Assert.Equal("The order was placed with another company.", c.GetProperty("invalidReason").GetString());
        c = await DoAsync(client, c, "reopen", new { reason = "The customer sent the invoice: it is ours." });
        Assert.Equal("reopened", Status(c));
        Assert.Contains("complaint.rejected_as_invalid", await EventTypesAsync(client, c));
    }

    [Fact]
    public async Task Waiting_for_the_customer_returns_to_the_status_it_left()
    {
        var tenant = await app.ProvisionTenantAsync("wait", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await DoAsync(client, await CreateAsync(client), "acknowledge");

        c = await DoAsync(client, c, "await-customer", new { reason = "Asked for the order number" });
        Assert.Equal("awaiting_customer", Status(c));
        Assert.Equal(["resume", "respond-in-progress"], Allowed(c));
        c = await DoAsync(client, c, "resume");

        Assert.Equal("acknowledged", Status(c));
    }

    [Fact]
    public async Task A_rejected_resolution_reopens_the_investigation()
    {
        var tenant = await app.ProvisionTenantAsync("reject", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await ToSolutionProposedAsync(client, tenant, await CreateAsync(client), amount: 10);
        c = await DoAsync(client, await DoAsync(client, c, "implement"), "resolve");

        c = await DoAsync(client, c, "customer-reject", new { reason = "The refund is short by $5" });
        Assert.Equal("reopened", Status(c));
        c = await DoAsync(client, c, "record-findings", new { rootCause = "Shipping fee not refunded", responsibleParty = "own_staff" });

        Assert.Equal("investigating", Status(c));
    }

    [Fact]
    public async Task A_critical_complaint_needs_a_supervisor_approval_before_the_remedy_is_implemented()
    {
        var tenant = await app.ProvisionTenantAsync("approval", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, writeToken, _) = await AppFixture.CreateApiKeyAsync(admin, "agent integration", ["complaints:read", "complaints:write"], ct: Ct);
        using var agent = app.CreateClient(writeToken);
        var c = await ToSolutionProposedAsync(agent, tenant, await CreateAsync(agent, NewComplaint(severity: "critical")), amount: 5000);
        Assert.True(c.GetProperty("remedy").GetProperty("approvalRequired").GetBoolean());

        using (var early = await ActAsync(agent, c, "implement"))
        {
            var problem = await Problems.AssertProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Contains("request-approval", problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        }
        c = await DoAsync(agent, c, "request-approval");
        using (var notAllowed = await ActAsync(agent, c, "approve"))
            await Problems.AssertProblemAsync(notAllowed, HttpStatusCode.Forbidden);

        c = await DoAsync(admin, c, "send-back", new { reason = "Offer a voucher instead of cash" });
        Assert.Equal("investigating", Status(c));
        c = await DoAsync(agent, c, "propose-solution", new { remedyType = "discount", amount = 300, currency = "USD", description = "Voucher" });
        c = await DoAsync(agent, c, "request-approval");
        c = await DoAsync(admin, c, "approve", new { message = "OK" });
        Assert.Equal("approved", Status(c));
        Assert.NotNull(c.GetProperty("remedy").GetProperty("approvedAt").GetString());
        c = await DoAsync(agent, c, "implement");

        Assert.Equal("implementing", Status(c));
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_the_action_is_not_applied()
    {
        var tenant = await app.ProvisionTenantAsync("etag", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        using var get = await client.GetAsync($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}", Ct);
        var etag = get.Headers.ETag!.Tag;
        await DoAsync(client, c, "await-customer", new { reason = "Need the receipt" });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{c.GetProperty("id").GetGuid()}/actions/resume")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await client.SendAsync(request, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("awaiting_customer", Status(again));
    }

    private async Task<JsonElement> ToSolutionProposedAsync(HttpClient client, TestTenant tenant, JsonElement c, decimal amount)
    {
        c = await DoAsync(client, c, "acknowledge");
        c = await DoAsync(client, c, "assess", new { valid = true });
        c = await DoAsync(client, c, "assign", new { departmentId = await new Workspace(app, tenant).AddDepartmentAsync($"Claims {Guid.NewGuid():N}", [], Ct) });
        c = await DoAsync(client, c, "record-findings", new { rootCause = "Damaged in transit", responsibleParty = "supplier" });
        return await DoAsync(client, c, "propose-solution", new { remedyType = "compensation", amount, currency = "USD", description = "Compensation" });
    }
}
