using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplaintCloud.Tests.Features.ImportJobs;

/// <summary>
/// Import job tests share one collection: the worker takes the oldest job of any tenant, so tests that
/// step it batch by batch must not race each other's jobs. It runs on its own, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ImportJobCollection
{
    public const string Name = "import jobs";
}

/// <summary>Calls of the import job API shared by its tests.</summary>
public static class ImportJobApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string CfpbSample => Path.Combine(RepoPaths.Root, "tests", "ComplaintCloud.Tests", "Data", "cfpb-complaints-sample.csv");

    public static HttpRequestMessage Upload(byte[] bytes, string name, string? idempotencyKey = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import-jobs") { Content = content };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Uploads a file and returns the queued job (asserting 202 and its Location).</summary>
    public static async Task<JsonElement> QueueAsync(HttpClient client, byte[] bytes, string name)
    {
        using var request = Upload(bytes, name);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)response.StatusCode} {text}");
        var job = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal($"/api/v1/import-jobs/{job.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        return job;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/import-jobs/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static ImportJobRunner Runner(ComplaintCloudFactory host) => host.Services.GetRequiredService<ImportJobRunner>();

    public static async Task<long> CountAsync(AppFixture app, string sql, Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = tenantId } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    public static (int Total, int Processed, int Imported, int Skipped, int Failed) Counts(JsonElement job) => (
        job.GetProperty("totalRows").GetInt32(), job.GetProperty("processedRows").GetInt32(), job.GetProperty("importedRows").GetInt32(),
        job.GetProperty("skippedDuplicates").GetInt32(), job.GetProperty("failedRows").GetInt32());
}
