using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ComplaintCloud.Tests.Infrastructure.OpenApi;

/// <summary>
/// The document says what the running API does: enums as its serializer spells them, parameters with the values it
/// parses, required request properties exactly those validation refuses to go without.
/// </summary>
public sealed class OpenApiContractTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] BodyMethods = ["post", "put", "patch"];

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = app.Factory.CreateApiClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!.AsObject();
    }

    private static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Value is JsonObject && o.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    private static string[] EnumOf(JsonNode? schema) => schema?["enum"]?.AsArray().Select(v => v!.GetValue<string>()).ToArray() ?? [];

    private static string? RefName(JsonNode? schema) =>
        (schema?["$ref"] ?? schema?["allOf"]?[0]?["$ref"])?.GetValue<string>().Split('/').Last();

    [Fact]
    public async Task Every_enum_schema_lists_what_the_api_serializer_writes_for_each_value_of_its_csharp_enum()
    {
        var schemas = Schemas(await DocumentAsync());
        var json = app.Factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var enums = typeof(Complaint).Assembly.GetTypes().Where(t => t.IsEnum).ToLookup(t => t.Name);

        var checkedSchemas = 0;
        foreach (var (name, node) in schemas)
        {
            if (node!["enum"] is null) continue;
            Assert.True(node["type"]?.GetValue<string>() == "string", $"{name} is declared as {node["type"]}, but the API takes strings.");
            var type = Assert.Single(enums[name]);
            var written = Enum.GetValues(type).Cast<object>()
                .Select(v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, type, json))!).ToArray();
            Assert.Equal(written, EnumOf(node));
            checkedSchemas++;
        }
        Assert.True(checkedSchemas >= 10, $"only {checkedSchemas} enum schemas found");
        Assert.Equal(["phone", "email", "web", "social", "in_person", "letter", "api", "referral"], EnumOf(schemas["ComplaintChannel"]));
    }

    [Fact]
    public async Task Every_enum_value_of_a_list_parameter_is_accepted_and_the_action_names_are_those_the_endpoint_parses()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var tenant = await app.ProvisionTenantAsync("oa-params", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var tried = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => o.Method == "get" && !o.Path.Contains('{')))
        foreach (var parameter in operation["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [])
        {
            var schema = parameter["schema"]!;
            var values = EnumOf(schema["items"] ?? schema);
            if (values.Length == 0 && RefName(schema["items"] ?? schema) is { } enumName) values = EnumOf(schemas[enumName]);
            // The operation's other required query parameters go along with their documented example.
            var required = string.Concat(operation["parameters"]!.AsArray().Select(p => p!.AsObject())
                .Where(p => p["in"]?.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true && p["name"] != parameter["name"])
                .Select(p => $"&{p["name"]}={Uri.EscapeDataString(p["example"]!.GetValue<string>())}"));
            foreach (var value in values)
            {
                using var response = await client.GetAsync($"{path}?{parameter["name"]}={Uri.EscapeDataString(value)}{required}", Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"GET {path}?{parameter["name"]}={value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                tried.Add($"{parameter["name"]}={value}");
            }
        }
        Assert.Contains("status=solution_proposed", tried);
        Assert.Contains("channel=in_person", tried);
        Assert.Contains("sort=due_desc", tried);
        Assert.Contains("groupBy=channel", tried);

        var action = Operations(document).Single(o => o.Operation["operationId"]!.GetValue<string>() == "PerformComplaintAction")
            .Operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "action")!;
        var documented = EnumOf(action["schema"]);
        Assert.Equal(ComplaintCloud.Api.Domain.Actions.ComplaintActions.All.Count, documented.Length);
        Assert.All(documented, name => Assert.True(ComplaintCloud.Api.Domain.Actions.ComplaintActions.Find(name) is not null, $"the endpoint does not parse '{name}'"));
        Assert.Contains("record-findings", documented);
    }

    /// <summary>
    /// An empty object is sent to every JSON-body operation: the 400's errors must name exactly the properties the document
    /// marks required (and, for a required object, an empty one must be refused for exactly its required members).
    /// </summary>
    [Fact]
    public async Task Required_request_properties_are_exactly_those_validation_refuses_to_go_without()
    {
        var document = await DocumentAsync();
        var schemas = Schemas(document);
        var tenant = await app.ProvisionTenantAsync("oa-required", Ct);
        using var tenantClient = app.CreateClient(tenant.ApiKey);
        using var platformClient = app.CreatePlatformClient();

        var checkedBodies = 0;
        var mismatches = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => BodyMethods.Contains(o.Method)))
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema) continue;
            // An array body (PUT settings/regulatory-profiles) has no properties to require; its tests check each element's.
            if (RefName(bodySchema) is not { } bodyName) continue;
            var schema = schemas[bodyName]!.AsObject();
            var url = FillPath(path, operation);
            var client = operation["security"]?.ToJsonString().Contains("platformKey") == true ? platformClient : tenantClient;

            var errors = await ErrorsForAsync(client, method, url, "{}");
            // An inbound email needs any one of subject, text and html: a rule on the whole body that 'required' cannot say
            // (the operation's description does); it is reported on text.
            if (operation["operationId"]!.GetValue<string>() == "ReceiveEmail") errors = errors.Where(k => k != "text").ToList();
            // A calendar needs weekly hours, extra working days or is24x7: one of three, reported on weeklyHours.
            if (operation["operationId"]!.GetValue<string>() is "CreateCalendar" or "UpdateCalendar") errors = errors.Where(k => k != "weeklyHours").ToList();
            Compare($"{method.ToUpperInvariant()} {path}", schema, errors, prefix: "", mismatches);
            foreach (var name in Required(schema))
                if (RefName(schema["properties"]![name]) is { } nested && schemas[nested]!["properties"] is not null)
                {
                    var nestedErrors = await ErrorsForAsync(client, method, url, $"{{\"{name}\":{{}}}}");
                    Compare($"{method.ToUpperInvariant()} {path} with {name}: {{}}", schemas[nested]!.AsObject(), nestedErrors, $"{name}.", mismatches);
                }
            checkedBodies++;
        }
        Assert.True(checkedBodies >= 15, $"only {checkedBodies} JSON bodies found");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static string[] Required(JsonObject schema) => schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];

    private static void Compare(string what, JsonObject schema, IReadOnlyList<string> errorKeys, string prefix, List<string> mismatches)
    {
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Keys are JSON paths; a key for the whole object ("") or a deeper path is not about one of these properties.
        var refused = errorKeys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(k => k[prefix.Length..]).Where(properties.Contains).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var required = Required(schema).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        if (!refused.SequenceEqual(required, StringComparer.OrdinalIgnoreCase))
            mismatches.Add($"{what}: the document requires [{string.Join(", ", required)}], validation refused [{string.Join(", ", refused)}]");
    }

    private static async Task<IReadOnlyList<string>> ErrorsForAsync(HttpClient client, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode < 500 && response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
            $"{method} {url} {body}: {(int)response.StatusCode} {text}");
        if (response.StatusCode != HttpStatusCode.BadRequest) return [];
        return JsonSerializer.Deserialize<JsonElement>(text) is { } problem && problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];
    }

    // Ids of nothing (validation answers before anything is looked up), and the first documented value of an enum.
    private static string FillPath(string path, JsonObject operation)
    {
        foreach (var parameter in operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path") ?? [])
        {
            var schema = parameter!["schema"]!;
            var value = EnumOf(schema).FirstOrDefault() ?? (schema["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString() : "x");
            path = path.Replace($"{{{parameter["name"]}}}", value);
        }
        return path;
    }
}
