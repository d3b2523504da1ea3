using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>Small helpers for the complaint API tests: create a complaint and act on it.</summary>
internal static class ComplaintApi
{
    public static object NewComplaint(string severity = "general", string? subject = null) => new
    {
        subject = subject ?? "Refund not received",
        description = "I returned the kettle on 3 March and still have no refund.",
        channel = "web",
        severity,
        customer = new { name = "Maria Garcia", email = "maria@example.test", phone = "+1 555 0100" },
        desiredOutcome = "Refund of $49.99",
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object? body = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body ?? NewComplaint(), AppFixture.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement complaint, string action, object? data = null) =>
        await client.PostAsJsonAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/actions/{action}", data ?? new { },
            AppFixture.Json, Ct);

    /// <summary>Performs an action that must succeed and returns the complaint after it.</summary>
    public static async Task<JsonElement> DoAsync(HttpClient client, JsonElement complaint, string action, object? data = null)
    {
        using var response = await ActAsync(client, complaint, action, data);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static string Status(JsonElement complaint) => complaint.GetProperty("status").GetString()!;

    public static string[] Allowed(JsonElement complaint) =>
        complaint.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    public static async Task<string[]> EventTypesAsync(HttpClient client, JsonElement complaint)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/events?limit=200", Ct);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
