using System.Net;
using System.Text.Json.Nodes;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.OpenApi;

public sealed class OpenApiDocumentTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static string CommittedPath => Path.Combine(RepoPaths.Root, "openapi", "complaintcloud.v1.json");

    private async Task<JsonObject> ServedDocumentAsync()
    {
        using var client = app.Factory.CreateApiClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        document.Remove("servers");
        return document;
    }

    [Fact]
    public async Task Interactive_docs_are_served_and_point_at_the_document()
    {
        using var client = app.Factory.CreateApiClient();

        var page = await client.GetStringAsync("/api/docs/index.html", Ct);
        var config = await client.GetStringAsync("/api/docs/index.js", Ct);

        Assert.Contains("swagger-ui", page);
        Assert.Contains("/openapi/v1.json", page + config);
    }

    [Fact]
    public async Task The_committed_document_matches_the_code()
    {
        var served = await ServedDocumentAsync();
        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing: build src/ComplaintCloud.Api and commit it.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath, Ct))!.AsObject();
        committed.Remove("servers");

        if (!JsonNode.DeepEquals(served, committed))
            Assert.Fail("openapi/complaintcloud.v1.json is out of date with the code " +
                        $"(first difference at {FirstDifference(committed, served, "$")}). " +
                        "Rebuild (dotnet build src/ComplaintCloud.Api regenerates it) and commit the updated file.");
    }

    [Fact]
    public async Task Every_operation_has_an_id_tags_a_summary_and_its_client_errors()
    {
        var document = await ServedDocumentAsync();
        var paths = document["paths"]!.AsObject();
        Assert.NotEmpty(paths);

        var problems = new List<string>();
        var operations = 0;
        foreach (var (path, item) in paths)
        foreach (var (method, operation) in item!.AsObject().Where(p => Methods.Contains(p.Key)))
        {
            operations++;
            var name = $"{method.ToUpperInvariant()} {path}";
            if (string.IsNullOrWhiteSpace(operation!["operationId"]?.GetValue<string>())) problems.Add($"{name}: no operationId");
            if (operation["tags"] is not JsonArray { Count: > 0 }) problems.Add($"{name}: no tags");
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) problems.Add($"{name}: no summary");
            if (operation["responses"] is not JsonObject responses || !responses.Any(r => r.Key.StartsWith('4')))
                problems.Add($"{name}: no 4xx response declared");
        }

        Assert.True(operations > 0);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var ids = paths.SelectMany(p => p.Value!.AsObject().Where(o => Methods.Contains(o.Key)))
            .Select(o => o.Value!["operationId"]?.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_operation_declares_its_success_and_typed_problems_with_the_pipelines_429_and_503()
    {
        var document = await ServedDocumentAsync();
        var problems = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, node) in item!.AsObject().Where(p => Methods.Contains(p.Key)))
        {
            var operation = node!.AsObject();
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            if (!responses.Any(r => r.Key.StartsWith('2'))) problems.Add($"{name}: no success response");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var content = response!["content"]?.AsObject();
                var schema = content?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                // A 400 may carry field errors (HttpValidationProblemDetails) where the endpoint validates fields; others never do.
                var expected = status == "400"
                    ? ["#/components/schemas/HttpValidationProblemDetails", "#/components/schemas/ProblemDetails"]
                    : new[] { "#/components/schemas/ProblemDetails" };
                if (content?.Count != 1 || !expected.Contains(schema)) problems.Add($"{name} {status}: not application/problem+json of {expected[0]}");
            }
            if (responses["503"]?["headers"]?["Retry-After"] is null) problems.Add($"{name}: no 503 with Retry-After");
            var byWorkspaceKey = operation["security"]?.ToJsonString().Contains("apiKey") == true;
            if (byWorkspaceKey != (responses["429"]?["headers"]?["Retry-After"] is not null))
                problems.Add($"{name}: 429 with Retry-After must be declared exactly where a workspace API key is used");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(["instance", "status", "title", "traceId"], schemas["ProblemDetails"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(schemas["HttpValidationProblemDetails"]!["properties"]!["errors"]);
    }

    [Theory]
    [InlineData("/api/v1/complaints/{id}/attachments")]
    [InlineData("/api/v1/complaints/import")]
    [InlineData("/api/v1/import-jobs")]
    public async Task Uploads_describe_their_multipart_body(string path)
    {
        var document = await ServedDocumentAsync();

        var body = document["paths"]![path]!["post"]!["requestBody"]!;
        var form = body["content"]!["multipart/form-data"]!["schema"]!;
        Assert.True(body["required"]!.GetValue<bool>());
        Assert.Equal("binary", form["properties"]!["file"]!["format"]!.GetValue<string>());
        Assert.Equal(["file"], form["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Responses_require_every_property_and_say_nullable_only_where_csharp_allows_null()
    {
        var schemas = (await ServedDocumentAsync())["components"]!["schemas"]!;

        var row = schemas["ComplaintRow"]!;
        Assert.Equal(row["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
            row["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(row["properties"]!["externalRef"]!["nullable"]!.GetValue<bool>());
        Assert.Null(row["properties"]!["number"]!["nullable"]);
        var view = schemas["ComplaintView"]!["properties"]!;
        Assert.True(view["remedy"]!["nullable"]!.GetValue<bool>());
        Assert.Equal("#/components/schemas/RemedyView", view["remedy"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Null(view["status"]!["nullable"]);
        // A request says required only what validation needs: optional fields can be left out.
        Assert.Equal(["customer", "description", "subject"],
            schemas["CreateComplaintCommand"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string at)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(key)) return $"{at}.{key} (only in the code)";
                    if (!a.ContainsKey(key)) return $"{at}.{key} (only in the committed file)";
                    if (!JsonNode.DeepEquals(e[key], a[key])) return FirstDifference(e[key], a[key], $"{at}.{key}");
                }
                return at;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                    if (!JsonNode.DeepEquals(e[i], a[i])) return FirstDifference(e[i], a[i], $"{at}[{i}]");
                return $"{at} (length {e.Count} vs {a.Count})";
            default:
                return at;
        }
    }
}
