using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static ComplaintCloud.Tests.Features.ImportJobs.ImportJobApi;

namespace ComplaintCloud.Tests.Features.ImportJobs;

[Collection(ImportJobCollection.Name)]
public sealed class ImportJobTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ComplaintCount = "SELECT count(*) FROM complaints WHERE tenant_id = $1";

    [Fact]
    public async Task The_cfpb_sample_runs_to_completion_in_batches_with_real_progress()
    {
        var tenant = await app.ProvisionTenantAsync("jobcfpb", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var queued = await QueueAsync(client, await File.ReadAllBytesAsync(CfpbSample, Ct), "cfpb.csv");
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal(("queued", "cfpb", 6623, 0), (queued.GetProperty("status").GetString(), queued.GetProperty("format").GetString(),
            queued.GetProperty("totalRows").GetInt32(), queued.GetProperty("percentDone").GetInt32()));

        // One batch: 500 rows committed and visible, the job running.
        Assert.True(await Runner(app.Factory).RunOnceAsync(Ct));
        var running = await GetAsync(client, id);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal((6623, 500, 500, 0, 0), Counts(running));
        Assert.Equal(7, running.GetProperty("percentDone").GetInt32());
        Assert.Equal(500L, await CountAsync(app, ComplaintCount, tenant.Id));

        await Runner(app.Factory).RunUntilIdleAsync(Ct);

        var done = await GetAsync(client, id);
        Assert.Equal(("completed", 100), (done.GetProperty("status").GetString(), done.GetProperty("percentDone").GetInt32()));
        Assert.Equal((6623, 6623, 6623, 0, 0), Counts(done));
        Assert.NotNull(done.GetProperty("finishedAt").GetString());
        Assert.Equal(6623L, await CountAsync(app, ComplaintCount, tenant.Id));
        Assert.Equal(0L, await CountAsync(app, "SELECT count(*) FROM import_job_files WHERE tenant_id = $1", tenant.Id));
        // Same mapping as the API import: complaint 3384392 (2019-09-24, debt collection, web).
        Assert.Equal(1L, await CountAsync(app, """
            SELECT count(*) FROM complaints WHERE tenant_id = $1 AND external_ref = 'CFPB-3384392'
              AND subject = 'Attempts to collect debt not owed: Debt is not yours' AND channel = 'Web' AND number LIKE 'C-2019-%'
            """, tenant.Id));

        // Importing the same file again adds nothing.
        var again = await QueueAsync(client, await File.ReadAllBytesAsync(CfpbSample, Ct), "cfpb.csv");
        await Runner(app.Factory).RunUntilIdleAsync(Ct);
        Assert.Equal((6623, 6623, 0, 6623, 0), Counts(await GetAsync(client, again.GetProperty("id").GetGuid())));
        Assert.Equal(6623L, await CountAsync(app, ComplaintCount, tenant.Id));

        using var list = await client.GetAsync("/api/v1/import-jobs?limit=1", Ct);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(again.GetProperty("id").GetGuid(), page.GetProperty("items")[0].GetProperty("id").GetGuid());
        using var next = await client.GetAsync($"/api/v1/import-jobs?limit=1&cursor={page.GetProperty("nextCursor").GetString()}", Ct);
        Assert.Equal(id, (await next.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_restarted_worker_resumes_after_the_last_committed_row_and_a_replayed_batch_adds_no_duplicates()
    {
        var tenant = await app.ProvisionTenantAsync("jobresume", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var id = (await QueueAsync(client, await File.ReadAllBytesAsync(CfpbSample, Ct), "cfpb.csv")).GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++) Assert.True(await Runner(app.Factory).RunOnceAsync(Ct));
        Assert.Equal((6623, 1500, 1500, 0, 0), Counts(await GetAsync(client, id)));

        // The worst case a crash could leave: the last batch's complaints stored but its progress not.
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var rewind = new NpgsqlCommand(
            "UPDATE import_jobs SET processed_rows = 1000, imported_rows = 1000 WHERE tenant_id = $1 AND id = $2", db)
            { Parameters = { new() { Value = tenant.Id }, new() { Value = id } } })
            Assert.Equal(1, await rewind.ExecuteNonQueryAsync(Ct));

        // A new process: nothing in memory, only what the database says.
        var restarted = new ImportJobRunner(app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            NullLogger<ImportJobRunner>.Instance);
        await restarted.RunUntilIdleAsync(Ct);

        var done = await GetAsync(client, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal((6623, 6623, 6123, 500, 0), Counts(done));
        Assert.Equal(6623L, await CountAsync(app, ComplaintCount, tenant.Id));
        Assert.Equal(6623L, await CountAsync(app, "SELECT count(DISTINCT external_ref) FROM complaints WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(6623L, await CountAsync(app, "SELECT count(DISTINCT number) FROM complaints WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task Cancelling_stops_the_job_before_its_next_batch_and_keeps_what_was_imported()
    {
        var tenant = await app.ProvisionTenantAsync("jobcancel", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var id = (await QueueAsync(client, await File.ReadAllBytesAsync(CfpbSample, Ct), "cfpb.csv")).GetProperty("id").GetGuid();
        Assert.True(await Runner(app.Factory).RunOnceAsync(Ct));

        using var cancel = await client.PostAsync($"/api/v1/import-jobs/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        await Runner(app.Factory).RunUntilIdleAsync(Ct);

        var job = await GetAsync(client, id);
        Assert.Equal(("cancelled", 500), (job.GetProperty("status").GetString(), job.GetProperty("processedRows").GetInt32()));
        Assert.Equal(500L, await CountAsync(app, ComplaintCount, tenant.Id));
        Assert.Equal(0L, await CountAsync(app, "SELECT count(*) FROM import_job_files WHERE tenant_id = $1", tenant.Id));
        using var twice = await client.PostAsync($"/api/v1/import-jobs/{id}/cancel", null, Ct);
        var problem = await Problems.AssertProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.Contains("cancelled", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Broken_rows_are_reported_by_line_and_the_good_rows_still_import()
    {
        var tenant = await app.ProvisionTenantAsync("jobbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var queued = await QueueAsync(client, Encoding.UTF8.GetBytes(Complaints.ImportComplaintsTests.BrokenRowsCsv), "complaints.csv");
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal("template", queued.GetProperty("format").GetString());
        await Runner(app.Factory).RunUntilIdleAsync(Ct);

        Assert.Equal((5, 5, 2, 0, 3), Counts(await GetAsync(client, id)));
        using var first = await client.GetAsync($"/api/v1/import-jobs/{id}/errors?limit=2", Ct);
        var page = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var rest = await client.GetAsync($"/api/v1/import-jobs/{id}/errors?limit=2&cursor={page.GetProperty("nextCursor").GetString()}", Ct);
        var errors = page.GetProperty("items").EnumerateArray().Concat((await rest.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray())
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Equal([3, 4, 5], errors.Select(e => e.Line));
        Assert.Contains("Description", errors[0].Message);
        Assert.Contains("pigeon", errors[1].Message);
        Assert.Contains("Email", errors[2].Message);
    }

    [Fact]
    public async Task Nul_characters_in_a_file_are_removed_from_every_field_the_job_imports()
    {
        var tenant = await app.ProvisionTenantAsync("jobnul", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var id = (await QueueAsync(client, Encoding.UTF8.GetBytes(Complaints.ImportComplaintsTests.NulCsv), "complaints.csv")).GetProperty("id").GetGuid();

        await Runner(app.Factory).RunUntilIdleAsync(Ct);

        var job = await GetAsync(client, id);
        Assert.Equal(("completed", (2, 2, 1, 0, 1)), (job.GetProperty("status").GetString(), Counts(job)));
        var errors = await client.GetFromJsonAsync<JsonElement>($"/api/v1/import-jobs/{id}/errors", Ct);
        Assert.Equal("Unknown channel 'pigeon'.", errors.GetProperty("items")[0].GetProperty("message").GetString());
        Assert.Equal(1L, await CountAsync(app,
            "SELECT count(*) FROM complaints WHERE tenant_id = $1 AND subject = 'Late delivery' AND customer_name = 'Ann Lee' AND external_ref = 'N-1'",
            tenant.Id));
    }

    [Fact]
    public async Task An_upload_whose_file_name_holds_a_nul_character_is_refused_and_queues_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("jobnulname", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        // The name as RFC 5987 sends any character (filename*=UTF-8''complaints%00.csv); HttpClient will not quote a NUL.
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Complaints.ImportComplaintsTests.BrokenRowsCsv));
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            { Name = "\"file\"", FileNameStar = "complaints\0.csv" };
        using var response = await client.PostAsync("/api/v1/import-jobs", new MultipartFormDataContent { file }, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
        Assert.Equal(0L, await CountAsync(app, "SELECT count(*) FROM import_jobs WHERE tenant_id = $1", tenant.Id));
    }

    [Theory]
    [InlineData("name,age\nAnn,3\n")]
    [InlineData("")]
    public async Task A_file_that_is_not_a_complaint_csv_is_refused_at_upload_and_queues_nothing(string csv)
    {
        var tenant = await app.ProvisionTenantAsync("jobnot", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var request = Upload(Encoding.UTF8.GetBytes(csv), "x.csv");
        using var response = await client.SendAsync(request, Ct);
        using var json = await client.PostAsJsonAsync("/api/v1/import-jobs", new { file = "x" }, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(json, HttpStatusCode.BadRequest);
        Assert.Equal(0L, await CountAsync(app, "SELECT count(*) FROM import_jobs WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task An_idempotent_upload_larger_than_a_megabyte_creates_one_job_and_replays_it()
    {
        var tenant = await app.ProvisionTenantAsync("jobidem", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var bytes = await File.ReadAllBytesAsync(CfpbSample, Ct);
        Assert.True(bytes.Length > 1 << 20);
        var key = Guid.NewGuid().ToString();

        using var firstRequest = Upload(bytes, "cfpb.csv", key);
        using var first = await client.SendAsync(firstRequest, Ct);
        using var secondRequest = Upload(bytes, "cfpb.csv", key); // a new multipart body: another boundary, same file
        using var second = await client.SendAsync(secondRequest, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1L, await CountAsync(app, "SELECT count(*) FROM import_jobs WHERE tenant_id = $1", tenant.Id));

        using var otherFileRequest = Upload(bytes[..^200], "cfpb.csv", key);
        using var otherFile = await client.SendAsync(otherFileRequest, Ct);
        await Problems.AssertProblemAsync(otherFile, HttpStatusCode.UnprocessableEntity);
        await Runner(app.Factory).RunUntilIdleAsync(Ct); // leave no queued job behind for the other tests
    }

    [Fact]
    public async Task Another_tenants_job_is_not_found()
    {
        var a = await app.ProvisionTenantAsync("joba", Ct);
        var b = await app.ProvisionTenantAsync("jobb", Ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);
        var id = (await QueueAsync(clientA, Encoding.UTF8.GetBytes("subject,description,customer_name\nS,D,N\n"), "a.csv")).GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/api/v1/import-jobs/{id}", $"/api/v1/import-jobs/{id}/errors" })
        {
            using var response = await clientB.GetAsync(path, Ct);
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        using var cancel = await clientB.PostAsync($"/api/v1/import-jobs/{id}/cancel", null, Ct);
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.NotFound);
        using var list = await clientB.GetAsync("/api/v1/import-jobs", Ct);
        Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength());

        await Runner(app.Factory).RunUntilIdleAsync(Ct);
        Assert.Equal("completed", (await GetAsync(clientA, id)).GetProperty("status").GetString());
    }
}
