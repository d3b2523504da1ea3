using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Features.Complaints;

public sealed class ImportComplaintsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    // A copy of ../shared/data/cfpb-complaints-sample.csv (public domain), so the test runs wherever the repository is.
    private static string CfpbSample => Path.Combine(RepoPaths.Root, "tests", "ComplaintCloud.Tests", "Data", "cfpb-complaints-sample.csv");

    [Fact]
    public async Task The_cfpb_sample_imports_cleanly_and_a_second_import_adds_nothing()
    {
        Assert.True(File.Exists(CfpbSample), $"The CFPB sample is missing at {CfpbSample}.");
        var tenant = await app.ProvisionTenantAsync("cfpb", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var bytes = await File.ReadAllBytesAsync(CfpbSample, Ct);

        var first = await ImportAsync(client, bytes, "cfpb.csv");
        var second = await ImportAsync(client, bytes, "cfpb.csv");

        Assert.Equal(6623, first.GetProperty("rows").GetInt32());
        Assert.Equal(0, first.GetProperty("errors").GetArrayLength());
        Assert.Equal(6623, first.GetProperty("imported").GetInt32());
        Assert.Equal((0, 6623), (second.GetProperty("imported").GetInt32(), second.GetProperty("skippedDuplicates").GetInt32()));

        // Spot checks against the file: complaint 3384392 (2019-09-24, debt collection, web, with a narrative).
        await using var db = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT subject, channel, product_ref, received_at, description, number, status,
                   (SELECT count(*) FROM complaints WHERE tenant_id = $1)
            FROM complaints WHERE tenant_id = $1 AND external_ref = 'CFPB-3384392'
            """, db) { Parameters = { new() { Value = tenant.Id } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal("Attempts to collect debt not owed: Debt is not yours", reader.GetString(0));
        Assert.Equal("Web", reader.GetString(1));
        Assert.Equal("Debt collection / I do not know", reader.GetString(2));
        Assert.Equal(new DateTime(2019, 9, 24, 12, 0, 0, DateTimeKind.Utc), reader.GetDateTime(3));
        Assert.StartsWith("transworld systems inc.", reader.GetString(4));
        Assert.StartsWith("C-2019-", reader.GetString(5));
        Assert.Equal("Received", reader.GetString(6));
        Assert.Equal(6623L, reader.GetInt64(7));
    }

    /// <summary>Two good rows and, on lines 3 to 5, a missing description, an unknown channel and a bad email (import jobs use it too).</summary>
    public const string BrokenRowsCsv = """
        subject,description,channel,severity,customer_name,customer_email,received_at,external_ref
        Late delivery,The parcel came two weeks late,web,general,Ann Lee,ann@example.test,2026-03-01T10:00:00Z,R-1
        No description,,web,general,Bob,,,R-2
        Wrong channel,Text,pigeon,general,Cy,,,R-3
        Bad email,Text,email,serious,Dee,not-an-email,,R-4
        Rude staff,The cashier shouted at me,in_person,serious,Eve,,2026-03-02T09:00:00Z,R-5
        """;

    /// <summary>NUL characters in the header and in every kind of field (import jobs use it too); line 3's channel is unknown.</summary>
    public static readonly string NulCsv = """
        sub<NUL>ject,description,channel,severity,customer_name,customer_email,external_ref
        Late<NUL> delivery,The parcel came<NUL> two weeks late,w<NUL>eb,general,Ann<NUL> Lee,ann@example.<NUL>test,N<NUL>-1
        Lost parcel,Never came,pig<NUL>eon,general,Bob,,N-2
        """.Replace("<NUL>", "\0");

    [Fact]
    public async Task Nul_characters_in_a_file_are_removed_from_every_field_it_imports()
    {
        var tenant = await app.ProvisionTenantAsync("csvnul", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var report = await ImportAsync(client, Encoding.UTF8.GetBytes(NulCsv), "complaints.csv");

        Assert.Equal((2, 1), (report.GetProperty("rows").GetInt32(), report.GetProperty("imported").GetInt32()));
        var error = report.GetProperty("errors")[0];
        Assert.Equal((3, "Unknown channel 'pigeon'."), (error.GetProperty("line").GetInt32(), error.GetProperty("message").GetString()));
        var row = (await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).GetProperty("items")[0];
        var complaint = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{row.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(("Late delivery", "The parcel came two weeks late", "web", "Ann Lee", "ann@example.test", "N-1"), (
            complaint.GetProperty("subject").GetString(), complaint.GetProperty("description").GetString(), complaint.GetProperty("channel").GetString(),
            complaint.GetProperty("customer").GetProperty("name").GetString(), complaint.GetProperty("customer").GetProperty("email").GetString(),
            complaint.GetProperty("externalRef").GetString()));
    }

    [Fact]
    public async Task Broken_rows_are_reported_by_line_and_the_good_rows_still_import()
    {
        var tenant = await app.ProvisionTenantAsync("csvbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var report = await ImportAsync(client, Encoding.UTF8.GetBytes(BrokenRowsCsv), "complaints.csv");

        Assert.Equal((5, 2), (report.GetProperty("rows").GetInt32(), report.GetProperty("imported").GetInt32()));
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Equal([3, 4, 5], errors.Select(e => e.Item1));
        Assert.Contains("Description", errors[0].Item2);
        Assert.Contains("pigeon", errors[1].Item2);
        Assert.Contains("Email", errors[2].Item2);
        Assert.EndsWith("-000003", (await ComplaintApi.CreateAsync(client)).GetProperty("number").GetString()); // 2026: two imported, then this one
    }

    [Theory]
    [InlineData("name,age\nAnn,3\n")]
    [InlineData("")]
    public async Task A_file_that_is_not_a_complaint_csv_is_a_400(string csv)
    {
        var tenant = await app.ProvisionTenantAsync("csvnot", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await PostFileAsync(client, Encoding.UTF8.GetBytes(csv), "x.csv");

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] bytes, string name)
    {
        using var response = await PostFileAsync(client, bytes, name);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        return await client.PostAsync("/api/v1/complaints/import", content, Ct);
    }
}
