using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>Helpers for tests that post inbound emails (as a relay would) and look at the mail we queued.</summary>
internal static class InboundEmailApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object Email(string messageId, string subject = "My order never arrived", string? inReplyTo = null,
        string text = "I ordered a lamp on 2 May and nothing came.", string from = "Li Na <li.na@example.test>", string? references = null) =>
        new { from, to = "complaints@acme.test", subject, text, html = (string?)null, messageId, inReplyTo, references };

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, object email)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/inbound/email", email, AppFixture.Json, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    public static Guid ComplaintIdOf(JsonElement received) => received.GetProperty("complaintId").GetGuid();

    public sealed record QueuedEmail(string Kind, string ToAddress, string Subject, string Body, string EmailMessageId);

    /// <summary>The emails queued for a complaint, oldest first (read as superuser: the test looks, the app is not involved).</summary>
    public static async Task<List<QueuedEmail>> QueuedEmailsAsync(AppFixture app, Guid complaintId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT kind, to_address, subject, body, email_message_id FROM outbox_messages WHERE complaint_id = $1 ORDER BY created_at, kind", db)
        {
            Parameters = { new() { Value = complaintId } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<QueuedEmail>();
        while (await reader.ReadAsync(Ct))
            rows.Add(new QueuedEmail(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return rows;
    }

    public static async Task<JsonElement[]> MessagesAsync(HttpClient client, Guid complaintId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaintId}/messages?limit=200", Ct))
        .GetProperty("items").EnumerateArray().ToArray();
}
