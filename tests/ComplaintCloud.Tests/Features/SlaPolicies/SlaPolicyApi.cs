using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.SlaPolicies;

/// <summary>Shortcuts the SLA policy and regulatory profile tests share.</summary>
internal static class SlaPolicyApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement[]> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/sla-policies", Ct)).GetProperty("items").EnumerateArray().ToArray();

    public static async Task<JsonElement> DefaultPolicyAsync(HttpClient client) =>
        (await ListAsync(client)).Single(p => p.GetProperty("isDefault").GetBoolean());

    /// <summary>The workspace's default calendar (the one its default policy counts on).</summary>
    public static async Task<Guid> CalendarIdAsync(HttpClient client) => (await DefaultPolicyAsync(client)).GetProperty("calendarId").GetGuid();

    public static object Policy(Guid calendarId, string name = "Critical", int? position = null, object? conditions = null, object? targets = null,
        object? pauseWhen = null, int[]? atRiskPercents = null) => new
    {
        name, position, calendarId,
        conditions = conditions ?? new { severities = new[] { "critical" } },
        targets = targets ?? new object[]
        {
            new { clock = "acknowledge", amount = 30, unit = "business_minutes" },
            new { clock = "resolution", amount = 2, unit = "business_days" },
        },
        pauseWhen, atRiskPercents,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sla-policies", body, AppFixture.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static HttpRequestMessage Put(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: AppFixture.Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static string[] Names(IEnumerable<JsonElement> policies) => policies.Select(p => p.GetProperty("name").GetString()!).ToArray();
}
