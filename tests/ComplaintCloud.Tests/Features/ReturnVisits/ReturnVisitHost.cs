using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.ReturnVisits.Deliver;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>What return-visit tests do on an <see cref="SlaHost"/> (fake clock, own tenant): settings, resolve, run the scheduler, read visits.</summary>
internal static class ReturnVisitHost
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object Settings(int amount = 2, string unit = "business_days", string[]? channels = null, string onDissatisfied = "reopen",
        bool closeOnSatisfied = true, int maxPhoneAttempts = 3) => new
    {
        delay = new { amount, unit }, channels = channels ?? ["email_link", "phone"], reminderAfterDays = 3, expireAfterDays = 14,
        dissatisfiedWhen = new { csatAtMost = 2, notSolved = true }, onDissatisfied, closeOnSatisfied, maxPhoneAttempts,
    };

    public static async Task PutSettingsAsync(this SlaHost sla, object settings)
    {
        using var response = await sla.Client.PutAsJsonAsync("/api/v1/settings/return-visits", settings, AppFixture.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static object Customer(string? email = "li.na@example.test", string? phone = "+86 138 0000 0000", string? language = null,
        string subject = "Kettle leaks") => new
    {
        subject, description = "The lid leaks.", channel = "web", severity = "general",
        customer = new { name = "Li Na", email, phone, language },
    };

    /// <summary>A new complaint walked to resolved (with a department), at the host clock's now.</summary>
    public static async Task<JsonElement> ResolvedAsync(this SlaHost sla, object? body = null, string summary = "Replaced the kettle")
    {
        var department = await sla.DepartmentAsync();
        var c = await CreateAsync(sla.Client, body ?? Customer());
        c = await DoAsync(sla.Client, c, "acknowledge", new { message = "Thank you." });
        c = await DoAsync(sla.Client, c, "assess", new { valid = true });
        c = await DoAsync(sla.Client, c, "assign", new { departmentId = department });
        c = await DoAsync(sla.Client, c, "record-findings", new { rootCause = "Faulty seal", responsibleParty = "supplier" });
        c = await DoAsync(sla.Client, c, "propose-solution", new { remedyType = "exchange", description = "New kettle" });
        c = await DoAsync(sla.Client, c, "implement");
        return await DoAsync(sla.Client, c, "resolve", new { summary });
    }

    private static readonly Dictionary<Guid, Guid> Departments = [];

    public static async Task<Guid> DepartmentAsync(this SlaHost sla)
    {
        lock (Departments) if (Departments.TryGetValue(sla.Tenant.Id, out var known)) return known;
        using var response = await sla.Client.PostAsJsonAsync("/api/v1/departments", new { name = "Care" }, AppFixture.Json, Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        lock (Departments) Departments[sla.Tenant.Id] = id;
        return id;
    }

    /// <summary>One run of the scheduler over the host tenant (as the hosted one does every few seconds).</summary>
    public static Task<int> RunVisitsAsync(this SlaHost sla) =>
        sla.Host.Services.GetRequiredService<ReturnVisitScheduler>().RunTenantAsync(sla.Tenant.Id, Ct);

    public static async Task<JsonElement> VisitOfAsync(this SlaHost sla, JsonElement complaint) =>
        (await sla.VisitsOfAsync(complaint)).First();

    public static async Task<JsonElement[]> VisitsOfAsync(this SlaHost sla, JsonElement complaint)
    {
        var page = await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/return-visits?complaintId={complaint.GetProperty("id").GetGuid()}", Ct);
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    public static async Task<JsonElement> ReloadAsync(this SlaHost sla, JsonElement complaint) =>
        await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", Ct);

    public static async Task<string[]> EventTypesOfAsync(this SlaHost sla, JsonElement complaint) =>
        (await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/events?limit=200", Ct))
        .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();

    public static async Task<JsonElement> EventAsync(this SlaHost sla, JsonElement complaint, string type) =>
        (await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/events?limit=200", Ct))
        .GetProperty("items").EnumerateArray().Last(e => e.GetProperty("type").GetString() == type);

    public static async Task<T> ReadAsync<T>(this SlaHost sla, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = sla.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(sla.Tenant.Id);
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<List<OutboxMessage>> SurveyEmailsAsync(this SlaHost sla, JsonElement complaint) =>
        sla.ReadAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ComplaintId == complaint.GetProperty("id").GetGuid() && (m.Kind == "survey_invitation" || m.Kind == "survey_reminder"))
            .OrderBy(m => m.CreatedAt).ToListAsync(Ct));

    public static async Task<HttpResponseMessage> RespondAsync(this SlaHost sla, JsonElement visit, object answers) =>
        await sla.Client.PostAsJsonAsync($"/api/v1/return-visits/{visit.GetProperty("id").GetGuid()}/responses", answers, AppFixture.Json, Ct);

    public static object Answers(int csat, bool solved, int? nps = null, string? comment = null) => new
    {
        answers = new object?[]
        {
            new { questionId = "satisfaction", value = csat }, new { questionId = "solved", value = solved },
            nps is null ? null : new { questionId = "recommend", value = nps }, comment is null ? null : new { questionId = "comment", value = comment },
        }.Where(a => a is not null),
    };
}
