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
