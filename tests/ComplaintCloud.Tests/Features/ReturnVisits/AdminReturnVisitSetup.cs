using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.ReturnVisits.Deliver;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>
/// A workspace whose complaints get a phone return visit as soon as they are resolved: settings with no delay and the phone
/// channel, a department with a supervisor and an agent, and the scheduler run for the tenant (the hosted one is off in tests).
/// </summary>
internal sealed class AdminReturnVisitSetup(ComplaintCloudFactory host, TestTenant tenant, HttpClient api, Guid department, string supervisorEmail,
    string agentEmail, Workspace workspace) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TestTenant Tenant => tenant;
    public HttpClient Api => api;
    public Guid Department => department;
    public string SupervisorEmail => supervisorEmail;
    public string AgentEmail => agentEmail;
    public Workspace Workspace => workspace;

    public static async Task<AdminReturnVisitSetup> StartAsync(AppFixture app, ComplaintCloudFactory host, string prefix,
        string onDissatisfied = "reopen", int maxPhoneAttempts = 3, string[]? channels = null)
    {
        var tenant = await AppFixture.ProvisionTenantAsync(host, prefix, Ct);
        var api = AppFixture.CreateClient(host, tenant.ApiKey);
        var workspace = new Workspace(app, tenant);
        var supervisorEmail = $"sup-{Guid.NewGuid():N}@example.test";
        var agentEmail = $"agent-{Guid.NewGuid():N}@example.test";
        var supervisor = await Members.JoinAsync(host, tenant.Id, supervisorEmail, "Sue Supervisor", TenantRole.Supervisor, AppFixture.AdminPassword, Ct);
        var agent = await Members.JoinAsync(host, tenant.Id, agentEmail, "Andy Agent", TenantRole.Agent, AppFixture.AdminPassword, Ct);
        var department = await workspace.AddDepartmentAsync("Care", [supervisor, agent], Ct);
        using var put = await api.PutAsJsonAsync("/api/v1/settings/return-visits", Settings(onDissatisfied, maxPhoneAttempts, channels), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return new AdminReturnVisitSetup(host, tenant, api, department, supervisorEmail, agentEmail, workspace);
    }

    public static object Settings(string onDissatisfied = "reopen", int maxPhoneAttempts = 3, string[]? channels = null) => new
    {
        delay = new { amount = 0, unit = "calendar_minutes" }, channels = channels ?? ["phone"], reminderAfterDays = 3, expireAfterDays = 14,
        dissatisfiedWhen = new { csatAtMost = 2, notSolved = true }, onDissatisfied, closeOnSatisfied = true, maxPhoneAttempts,
    };

    /// <summary>A complaint resolved in the department, and its return visit moved into the phone queue.</summary>
    public async Task<(JsonElement Complaint, Guid VisitId)> PhoneVisitAsync(string subject = "Broken kettle", string customer = "Maria Garcia")
    {
        var complaint = await CreateAsync(api, new
        {
            subject, description = "It stopped working.", channel = "web", severity = "general",
            customer = new { name = customer, email = "maria@example.test", phone = "+44 20 7946 0000" },
        });
        complaint = await OpenAndOverdueTests.ResolveAsync(api, complaint, department);
        await RunSchedulerAsync();
        var visit = (await VisitsAsync(complaint)).Single();
        Assert.Equal("sent", visit.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, visit.GetProperty("phoneDueAt").ValueKind);
        return (complaint, visit.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// A complaint of a customer writing in <paramref name="language"/>, resolved in the department, and its return visit sent
    /// by email (the workspace's channels must include email_link).
    /// </summary>
    public async Task<(JsonElement Complaint, JsonElement Visit)> EmailVisitAsync(string language, string customer = "Li Na",
        string email = "li.na@example.test")
    {
        var complaint = await CreateAsync(api, new
        {
            subject = "Kettle leaks", description = "The lid leaks.", channel = "web", severity = "general",
            customer = new { name = customer, email, language },
        });
        complaint = await OpenAndOverdueTests.ResolveAsync(api, complaint, department);
        await RunSchedulerAsync();
        var visit = (await VisitsAsync(complaint)).Single();
        Assert.Equal("sent", visit.GetProperty("status").GetString());
        return (complaint, visit);
    }

    /// <summary>The body of the survey invitation email of a complaint (from the outbox).</summary>
    public Task<string> InvitationBodyAsync(JsonElement complaint) =>
        ReadAsync(db => db.OutboxMessages.Where(m => m.ComplaintId == Id(complaint) && m.Kind == "survey_invitation").Select(m => m.Body).Single());

    /// <summary>How many responses are stored for a visit.</summary>
    public Task<int> ResponsesStoredAsync(Guid visitId) => ReadAsync(db => db.SurveyResponses.Count(r => r.VisitId == visitId));

    public Task<int> RunSchedulerAsync() => host.Services.GetRequiredService<ReturnVisitScheduler>().RunTenantAsync(tenant.Id, Ct);

    public async Task<List<JsonElement>> VisitsAsync(JsonElement complaint) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/v1/return-visits?complaintId={Id(complaint)}", Ct)).GetProperty("items").EnumerateArray()];

    public async Task<JsonElement> VisitAsync(Guid visitId) => await api.GetFromJsonAsync<JsonElement>($"/api/v1/return-visits/{visitId}", Ct);

    public async Task<JsonElement> ComplaintAsync(JsonElement complaint) => await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}", Ct);

    /// <summary>Changes a visit in the database, as time passing would (the shared host runs on the real clock).</summary>
    public async Task ChangeVisitAsync(Guid visitId, Action<ComplaintCloud.Api.Domain.ReturnVisits.ReturnVisit> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(db.ReturnVisits.Single(v => v.Id == visitId));
        await db.SaveChangesAsync(Ct);
    }

    public Task<int> PhoneAttemptsStoredAsync(Guid visitId) => ReadAsync(db => db.PhoneVisitAttempts.Count(a => a.VisitId == visitId));

    /// <summary>Reads the workspace's data as the app would, in a scope of its own for this tenant.</summary>
    private async Task<T> ReadAsync<T>(Func<AppDbContext, T> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        return read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<AdminClient> SignInAsync(string email)
    {
        var client = AdminClient.Open(host);
        await client.SignInAsync(email, AppFixture.AdminPassword);
        Assert.True(await client.IsSignedInAsync());
        return client;
    }

    public static Guid Id(JsonElement complaint) => complaint.GetProperty("id").GetGuid();

    public void Dispose() => api.Dispose();
}
