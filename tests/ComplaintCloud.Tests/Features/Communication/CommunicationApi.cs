using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Communication;

/// <summary>Helpers for the attachment and message API tests, plus sample files of each kind.</summary>
internal static class CommunicationApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1];
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"u8.ToArray();
    public static readonly byte[] Heic = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0];
    /// <summary>The start of a Windows program (MZ header, then NUL bytes).</summary>
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid complaintId, byte[] content, string fileName,
        string declaredType = "application/octet-stream", string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent("cc-test-boundary"); // fixed, so a retry sends the same bytes
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{complaintId}/attachments") { Content = form };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> UploadOkAsync(HttpClient client, Guid complaintId, byte[] content, string fileName)
    {
        using var response = await UploadAsync(client, complaintId, content, fileName);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static async Task<HttpResponseMessage> PostMessageAsync(HttpClient client, Guid complaintId, string kind, string body, Guid[]? attachmentIds = null) =>
        await client.PostAsJsonAsync($"/api/v1/complaints/{complaintId}/messages", new { kind, body, attachmentIds }, AppFixture.Json, Ct);

    public static async Task<JsonElement> PostMessageOkAsync(HttpClient client, Guid complaintId, string kind, string body, Guid[]? attachmentIds = null)
    {
        using var response = await PostMessageAsync(client, complaintId, kind, body, attachmentIds);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"message: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
}
