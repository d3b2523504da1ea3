using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static ComplaintCloud.Tests.Support.DatabaseCatalog;

namespace ComplaintCloud.Tests.Infrastructure.Http;

/// <summary>
/// Puts a NUL character (U+0000) into every string every API endpoint accepts, found from the app's endpoint data
/// source: each string of each JSON body (bodies built from the request types through the app's own JSON contract, so a
/// new endpoint or field is probed without being listed here) and each string query parameter.
/// PostgreSQL cannot store NUL; the answer must be a 400 naming the field, never a 500, and nothing may change.
/// </summary>
public sealed class NulCharacterProbeTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Probe(RouteEndpoint Endpoint, string Method)
    {
        public bool Platform => Endpoint.Metadata.GetMetadata<PlatformKeyFilterMarker>() is not null;
        public bool RemovesNul => Endpoint.Metadata.GetMetadata<RemovesNulCharactersMetadata>() is not null;
        public override string ToString() => $"{Method} {Endpoint.RoutePattern.RawText}";
    }

    private IEnumerable<Probe> ApiProbes() =>
        app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"])
                .Where(m => m is not ("HEAD" or "OPTIONS")).Select(m => new Probe(e, m)));

    private JsonSerializerOptions AppJson =>
        app.Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    [Fact]
    public async Task Every_string_of_every_json_body_refuses_a_nul_character_by_its_field_and_changes_nothing()
    {
        var (tenant, ids) = await WorkspaceAsync();
        using var admin = app.CreateClient(tenant.ApiKey);
        using var platform = app.CreatePlatformClient();
        var sample = $"nulprobe{Guid.NewGuid():N}"[..20];
        var bodies = new BodyBuilder(AppJson, sample);
        var before = await RowCountsAsync(tenant.Id);

        var failures = new List<string>();
        var probed = new List<string>();
        var stripping = new List<(Probe Probe, Type Type, string Field)>();
        foreach (var probe in ApiProbes())
        {
            if (probe.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } type } accepts
                || !accepts.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var field in bodies.StringFields(type))
            {
                if (probe.RemovesNul) { stripping.Add((probe, type, field)); continue; }
                using var request = new HttpRequestMessage(new HttpMethod(probe.Method), Path(probe.Endpoint.RoutePattern, ids))
                {
                    Content = new StringContent(bodies.Build(type, nulAt: field).ToJsonString(), Encoding.UTF8, "application/json"),
                };
                using var response = await (probe.Platform ? platform : admin).SendAsync(request, Ct);
                if (await RefusalProblemAsync(response, field) is { } failure) failures.Add($"{probe} {field}: {failure}");
                probed.Add($"{probe} {field}");
            }
        }

        TestContext.Current.SendDiagnosticMessage($"{probed.Count} body fields probed, {stripping.Count} stripped");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probed.Count} body fields were not refused:\n" + string.Join("\n", failures));
        // The discovery found the bodies (nested objects and lists included), platform ones too.
        Assert.Contains("POST /api/v1/complaints customer.name", probed);
        Assert.Contains("POST /api/v1/complaints tags[0]", probed);
        Assert.Contains("PATCH /api/v1/complaints/{id:guid} customer.externalId", probed);
        Assert.Contains("POST /api/v1/complaints/{id:guid}/actions/{action} lessonsLearned", probed);
        Assert.Contains("POST /api/v1/api-keys scopes[0]", probed);
        Assert.Contains("POST /api/v1/tenants adminEmail", probed);
        Assert.True(probed.Count > 40, $"Only {probed.Count} body fields were found");
        Assert.Equal(before, await RowCountsAsync(tenant.Id));
        await using (var super = await app.Database.OpenSuperuserAsync(Ct))
        await using (var tenants = new NpgsqlCommand("SELECT count(*) FROM tenants WHERE slug LIKE $1 OR name LIKE $1", super)
                     { Parameters = { new() { Value = sample + "%" } } })
            Assert.Equal(0L, (long)(await tenants.ExecuteScalarAsync(Ct))!);

        // Outside text (inbound email) is taken with its NUL characters removed: a 2xx for every field.
        Assert.Contains(stripping, s => s.Probe.ToString() == "POST /api/v1/inbound/email");
        foreach (var (probe, type, field) in stripping)
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), Path(probe.Endpoint.RoutePattern, ids))
            {
                Content = new StringContent(bodies.Build(type, nulAt: field).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await admin.SendAsync(request, Ct);
            Assert.True(response.IsSuccessStatusCode,
                $"{probe} {field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Fact]
    public async Task Every_string_query_parameter_refuses_a_nul_character_by_its_name()
    {
        var (tenant, ids) = await WorkspaceAsync();
        using var admin = app.CreateClient(tenant.ApiKey);
        using var platform = app.CreatePlatformClient();
        var before = await RowCountsAsync(tenant.Id);

        var failures = new List<string>();
        var probed = new List<string>();
        foreach (var probe in ApiProbes())
        {
            var pattern = probe.Endpoint.RoutePattern;
            var inQuery = probe.Endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
                .Where(p => IsText(p.ParameterInfo.ParameterType) && pattern.GetParameter(p.Name) is null && !BoundElsewhere(p)).Select(p => p.Name);
            foreach (var name in inQuery)
            {
                using var request = new HttpRequestMessage(new HttpMethod(probe.Method), Path(pattern, ids) + $"?{name}=a%00b");
                if (probe.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await (probe.Platform ? platform : admin).SendAsync(request, Ct);
                if (await RefusalProblemAsync(response, name) is { } failure) failures.Add($"{probe} {name}: {failure}");
                probed.Add($"{probe} {name}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probed.Count} parameters were not refused:\n" + string.Join("\n", failures));
        Assert.Contains("GET /api/v1/complaints q", probed);
        Assert.Contains("GET /api/v1/complaints tag", probed);
        Assert.Contains("GET /api/v1/departments cursor", probed);
        Assert.Contains("GET /api/v1/events after", probed);
        Assert.Equal(before, await RowCountsAsync(tenant.Id));
    }

    /// <summary>Null when the response is the 400 problem naming <paramref name="field"/>; otherwise what it was.</summary>
    private static async Task<string?> RefusalProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{(int)response.StatusCode} {text}";
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        return problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _) ? null : $"400 without errors.{field}: {text}";
    }

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]);

    private static bool BoundElsewhere(IParameterBindingMetadata parameter) =>
        parameter.ParameterInfo.GetCustomAttributes(true).Any(a => a is FromHeaderAttribute or FromBodyAttribute or FromFormAttribute
            or FromServicesAttribute or FromRouteAttribute or FromKeyedServicesAttribute or AsParametersAttribute);

    private static bool IsGuid(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => string.Equals(p.Content, "guid", StringComparison.OrdinalIgnoreCase));

    /// <summary>The route filled with the workspace's ids (by the collection before them) and valid words.</summary>
    private static string Path(RoutePattern pattern, IReadOnlyDictionary<string, Guid> ids)
    {
        var path = new StringBuilder();
        string? collection = null;
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                var text = part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when IsGuid(p) => (ids.TryGetValue(collection ?? "", out var id) ? id : Guid.NewGuid()).ToString(),
                    RoutePatternParameterPart p => p.Name switch { "action" => "acknowledge", "kind" => "complaint_received", "language" => "en", _ => "x" },
                    _ => throw new NotSupportedException(part.GetType().Name),
                };
                path.Append(Uri.EscapeDataString(text));
                if (part is RoutePatternLiteralPart) collection = text;
            }
        }
        return path.ToString();
    }

    /// <summary>A workspace with one of each thing the endpoints address, by the collection name in their routes.</summary>
    private async Task<(TestTenant Tenant, IReadOnlyDictionary<string, Guid> Ids)> WorkspaceAsync()
    {
        var tenant = await app.ProvisionTenantAsync("nul", Ct);
        var workspace = new Workspace(app, tenant);
        using var admin = app.CreateClient(tenant.ApiKey);
        var complaint = await Features.Complaints.ComplaintApi.CreateAsync(admin);
        var member = await workspace.AddMemberAsync("Nul Agent", Api.Domain.TenantRole.Agent, Ct);
        var (keyId, _, _) = await AppFixture.CreateApiKeyAsync(admin, "nul probe", ["complaints:read"], ct: Ct);
        return (tenant, new Dictionary<string, Guid>
        {
            ["complaints"] = complaint.GetProperty("id").GetGuid(),
            ["departments"] = await workspace.AddDepartmentAsync("Nul probe department", [member], Ct),
            ["categories"] = await workspace.AddCategoryAsync("Nul probe category", null, Ct),
            ["api-keys"] = keyId,
            ["members"] = member,
            ["tenants"] = tenant.Id,
        });
    }

    /// <summary>How many rows the tenant has in every table with tenant_id (found from the catalog).</summary>
    private async Task<string> RowCountsAsync(Guid tenantId)
    {
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        var counts = new List<string>();
        foreach (var table in await TenantTablesAsync(super, Ct))
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Quote(table)} WHERE tenant_id = $1", super)
                { Parameters = { new() { Value = tenantId } } };
            counts.Add($"{table}={await command.ExecuteScalarAsync(Ct)}");
        }
        return string.Join(", ", counts);
    }

    /// <summary>
    /// Bodies from a request type's JSON contract (the app's serializer options: names, ignored members, enums): every
    /// string holds sample text, enums their first value, numbers 1, and one list item per list, so that the only thing
    /// wrong with a body is the NUL character put into one string.
    /// </summary>
    private sealed class BodyBuilder(JsonSerializerOptions json, string sample)
    {
        public IReadOnlyList<string> StringFields(Type type)
        {
            var fields = new List<string>();
            Build(type, "", null, fields);
            return fields;
        }

        public JsonNode Build(Type type, string nulAt) => Build(type, "", nulAt, []) ?? throw new InvalidOperationException(type.Name);

        private JsonNode? Build(Type type, string path, string? nulAt, List<string> fields)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string))
            {
                fields.Add(path);
                var text = SampleText(path);
                return JsonValue.Create(path == nulAt ? text.Insert(1, "\0") : text);
            }
            // Any JSON (a survey answer's value): probed as text, which is where a NUL can hide.
            if (type == typeof(JsonElement))
            {
                fields.Add(path);
                return JsonValue.Create(path == nulAt ? SampleText(path).Insert(1, "\0") : SampleText(path));
            }
            if (type.IsEnum) return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, json);
            if (Primitive(type) is { } value) return JsonSerializer.SerializeToNode(value, type, json);
            // The action body is read by each action's descriptor: its fields are the descriptors' fields.
            if (type == typeof(ComplaintActionRequest))
            {
                var action = new JsonObject();
                foreach (var field in ComplaintActions.AllFields)
                    action[field.Name] = Build(field.ValueType, Join(path, field.Name), nulAt, fields);
                return action;
            }

            var info = json.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    return new JsonArray(Build(info.ElementType!, $"{path}[0]", nulAt, fields));
                case JsonTypeInfoKind.Dictionary:
                    return new JsonObject { ["key"] = Build(info.ElementType!, Join(path, "key"), nulAt, fields) };
                case JsonTypeInfoKind.Object:
                    var body = new JsonObject();
                    foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
                        body[property.Name] = Build(property.PropertyType, Join(path, property.Name), nulAt, fields);
                    return body;
                default:
                    throw new NotSupportedException($"No sample value for {type} at '{path}': teach the probe one.");
            }
        }

        // Valid-looking where a field has a shape (an inbound email's sender must be an address).
        private string SampleText(string path) =>
            path.EndsWith("from", StringComparison.OrdinalIgnoreCase) || path.EndsWith("email", StringComparison.OrdinalIgnoreCase)
                ? $"{sample}@example.test"
                : sample;

        private static object? Primitive(Type type) =>
            type == typeof(bool) ? true
            : type == typeof(Guid) ? Guid.NewGuid()
            : type == typeof(DateTimeOffset) ? DateTimeOffset.UtcNow.AddHours(-1)
            : type == typeof(DateTime) ? DateTime.UtcNow.AddHours(-1)
            : type.IsPrimitive || type == typeof(decimal) ? Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture)
            : null;

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
