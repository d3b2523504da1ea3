using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Infrastructure.Attachments;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Communication;

public sealed class AttachmentTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AllowedFiles() => new()
    {
        { "png", "image/png" }, { "jpeg", "image/jpeg" }, { "pdf", "application/pdf" }, { "heic", "image/heic" }, { "text", "text/plain" },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "png" => Png, "jpeg" => Jpeg, "pdf" => Pdf, "heic" => Heic, _ => Encoding.UTF8.GetBytes("Receipt 2026-05-02\n退款 ¥49.99\n"),
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public async Task An_allowed_file_is_stored_with_the_type_its_content_shows_and_downloads_as_an_attachment(string kind, string expectedType)
    {
        var tenant = await app.ProvisionTenantAsync("att", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var content = Sample(kind);

        // Name and declared type lie on purpose: only the bytes count.
        var uploaded = await UploadOkAsync(client, Id(complaint), content, "scan.bin");

        Assert.Equal(expectedType, uploaded.GetProperty("contentType").GetString());
        Assert.Equal(content.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), uploaded.GetProperty("sha256").GetString());
        using var download = await client.GetAsync(uploaded.GetProperty("downloadUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(expectedType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("scan.bin", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_program_renamed_to_pdf_is_refused_with_415_and_nothing_is_stored()
    {
        var tenant = await app.ProvisionTenantAsync("att-exe", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);

        using var response = await UploadAsync(client, Id(complaint), Exe, "invoice.pdf", "application/pdf");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("content", problem.GetProperty("detail").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/attachments", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("complaint.attachment_added", await EventTypesAsync(client, complaint));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413_problem()
    {
        var tenant = await app.ProvisionTenantAsync("att-big", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var tooBig = new byte[new AttachmentOptions().MaxBytes + 1];
        Png.CopyTo(tooBig, 0);

        using var response = await UploadAsync(client, Id(complaint), tooBig, "huge.png", "image/png");

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_upload_is_a_timeline_event_is_listed_and_replays_under_its_idempotency_key()
    {
        var tenant = await app.ProvisionTenantAsync("att-list", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var photo = new byte[2 * 1024 * 1024]; // larger than the idempotency store's 1 MB response cap is irrelevant: the response is small
        Jpeg.CopyTo(photo, 0);

        using var first = await UploadAsync(client, Id(complaint), photo, "photo.jpg", idempotencyKey: "upload-1");
        using var again = await UploadAsync(client, Id(complaint), photo, "photo.jpg", idempotencyKey: "upload-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", string.Join(",", again.Headers.GetValues("Idempotent-Replayed")));
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/attachments", Ct);
        Assert.Equal(["photo.jpg"], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()));
        Assert.Equal(["complaint.received", "complaint.attachment_added"], await EventTypesAsync(client, complaint));
    }

    [Fact]
    public async Task Another_complaints_attachment_id_is_not_found()
    {
        var tenant = await app.ProvisionTenantAsync("att-404", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var one = await CreateAsync(client);
        var other = await CreateAsync(client);
        var uploaded = await UploadOkAsync(client, Id(one), Pdf, "a.pdf");

        using var response = await client.GetAsync($"/api/v1/complaints/{Id(other)}/attachments/{Id(uploaded)}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_folder_store_keeps_files_per_tenant_on_disk()
    {
        var folder = Directory.CreateTempSubdirectory("cc-attachments-").FullName;
        try
        {
            await using var host = app.CreateFactory(new Dictionary<string, string?> { ["Attachments:Store"] = "folder", ["Attachments:Folder"] = folder });
            var tenant = await AppFixture.ProvisionTenantAsync(host, "att-folder", Ct);
            using var client = AppFixture.CreateClient(host, tenant.ApiKey);
            var complaint = await CreateAsync(client);

            // The uploader's name says HTML; the bytes are a PDF, and the stored file is named for what the bytes are.
            var uploaded = await UploadOkAsync(client, Id(complaint), Pdf, "letter.html");

            var onDisk = Path.Combine(folder, tenant.Id.ToString("N"), Id(uploaded).ToString("N") + ".pdf");
            Assert.Equal(Pdf, await File.ReadAllBytesAsync(onDisk, Ct));
            Assert.Equal([Path.GetFileName(onDisk)], Directory.GetFiles(Path.GetDirectoryName(onDisk)!).Select(Path.GetFileName));
            Assert.Equal(Pdf, await client.GetByteArrayAsync(uploaded.GetProperty("downloadUrl").GetString(), Ct));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, null)] // a zip (or docx) is not allowed
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, null)]   // an ELF program
    [InlineData(new byte[] { 0xC3, 0x28 }, null)]                       // invalid UTF-8 is not text
    public void The_sniffer_knows_the_allowed_types_by_their_magic_bytes(byte[] head, string? expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(head, complete: true));
}
