using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Surveys;

/// <summary>Calls of the survey templates API the tests share, and a return visit that "uses" a version.</summary>
public static class SurveyApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static object Text(string en, string zh) => new Dictionary<string, string> { ["en"] = en, ["zh-Hans"] = zh };

    /// <summary>A two-question survey: a CSAT (id "score") and a single choice with two options.</summary>
    public static object Body(string name, string scoreText = "How satisfied are you?") => new
    {
        name,
        questions = new object[]
        {
            new { id = "score", type = "csat", required = true, text = Text(scoreText, "您满意吗？") },
            new
            {
                type = "single_choice", required = false, text = Text("Which channel?", "哪个渠道？"),
                options = new object[] { new { id = "web", text = Text("Web", "网页") }, new { text = Text("Phone", "电话") } },
            },
        },
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/survey-templates", body, AppFixture.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<(JsonElement Template, string ETag)> GetAsync(HttpClient client, Guid id, int? version = null)
    {
        using var response = await client.GetAsync($"/api/v1/survey-templates/{id}{(version is { } v ? $"?version={v}" : "")}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct), response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/survey-templates/{id}") { Content = JsonContent.Create(body, options: AppFixture.Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/survey-templates", Ct)).GetProperty("items");

    public static Guid Id(JsonElement template) => template.GetProperty("id").GetGuid();

    public static string[] QuestionIds(JsonElement template) =>
        template.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToArray();

    /// <summary>
    /// A return visit of a new complaint that asks <paramref name="versionId"/>, written straight through the DbContext as
    /// the tenant (the scheduler is another slice's): from then on that version is used.
    /// </summary>
    public static async Task UseVersionAsync(AppFixture app, TestTenant tenant, Guid templateId, Guid versionId)
    {
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await ComplaintApi.CreateAsync(client);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.ReturnVisits.Add(new ReturnVisit
        {
            Id = Guid.CreateVersion7(now), ComplaintId = complaint.GetProperty("id").GetGuid(), ResolvedEventId = Guid.CreateVersion7(now),
            ResolvedAt = now, Status = ReturnVisitStatus.Scheduled, Channels = [ReturnVisitChannel.EmailLink], TemplateId = templateId,
            TemplateVersionId = versionId, Language = "en", ScheduledFor = now, DueAt = now.AddDays(2),
        });
        await db.SaveChangesAsync(Ct);
    }
}
