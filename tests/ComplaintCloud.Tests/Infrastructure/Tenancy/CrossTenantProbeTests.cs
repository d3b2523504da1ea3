using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplaintCloud.Tests.Support.DatabaseCatalog;

namespace ComplaintCloud.Tests.Infrastructure.Tenancy;

/// <summary>
/// Probes every API endpoint the app maps (read from its own endpoint data source, so new endpoints
/// are covered without being listed here) with tenant B's admin key against tenant A's ids, and with
/// no credentials at all.
/// </summary>
public sealed class CrossTenantProbeTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Probe(RouteEndpoint Endpoint, string Method, string Path)
    {
        public override string ToString() => $"{Method} {Path} ({Endpoint.RoutePattern.RawText})";
    }

    private IReadOnlyList<RouteEndpoint> ApiEndpoints()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(endpoints);
        return endpoints;
    }

    private static IReadOnlyList<string> MethodsOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
            ? methods.Where(m => m is not ("HEAD" or "OPTIONS")).ToList()
            : ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static bool IsGuid(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => string.Equals(p.Content, "guid", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every way to fill the route: each guid parameter takes each of A's ids, others each plausible value.</summary>
    private static IEnumerable<string> Paths(RoutePattern pattern, IReadOnlyList<string> guids, IReadOnlyList<string> others, bool firstOnly)
    {
        IEnumerable<string> prefixes = [""];
        foreach (var segment in pattern.PathSegments)
        {
            IEnumerable<string> texts = [""];
            foreach (var part in segment.Parts)
            {
                IReadOnlyList<string> values = part switch
                {
                    RoutePatternLiteralPart literal => [literal.Content],
                    RoutePatternSeparatorPart separator => [separator.Content],
                    RoutePatternParameterPart parameter => IsGuid(parameter) ? guids : others,
                    _ => throw new NotSupportedException(part.GetType().Name),
                };
                if (firstOnly) values = [values[0]];
                texts = texts.SelectMany(t => values.Select(v => t + Uri.EscapeDataString(v))).ToList();
            }
            prefixes = prefixes.SelectMany(p => texts.Select(t => p + "/" + t)).ToList();
        }
        return prefixes;
    }

    private static HttpRequestMessage Request(Probe probe)
    {
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Tenant A with data in every table we can reach, and the markers that must never reach B.</summary>
    private async Task<(TestTenant A, List<string> Ids, List<string> Markers)> TenantAWithDataAsync()
    {
        var a = await app.ProvisionTenantAsync("probea", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        var markers = new List<string> { a.Id.ToString(), a.Slug, a.Name, a.AdminEmail, a.ApiKey };
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
            {
                Content = JsonContent.Create(new { name = $"a-secret-key-{i}-{a.Slug}", scopes = new[] { "admin" } }, options: AppFixture.Json),
            };
            request.Headers.Add("Idempotency-Key", $"probe-{a.Slug}-{i}");
            using var response = await adminA.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            markers.Add(body.GetProperty("token").GetString()!);
            markers.Add($"a-secret-key-{i}-{a.Slug}");
        }
        // A pending invitation, so the member and invitation endpoints get probed with A's ids too.
        var invitee = $"invitee-{a.Slug}@example.test";
        using (var invited = await adminA.PostAsJsonAsync("/api/v1/invitations", new { email = invitee, displayName = $"A's invitee {a.Slug}", role = "agent" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        markers.AddRange([invitee, $"A's invitee {a.Slug}"]);
        // A webhook subscription (its secret must never reach B), so the webhook endpoints get probed with A's ids too.
        using (var hook = await adminA.PostAsJsonAsync("/api/v1/webhooks", new { url = $"https://hooks-{a.Slug}.example.com/in", eventTypes = new[] { "complaint.received" },
                   description = $"A's webhook {a.Slug}" }, AppFixture.Json, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
            var body = await hook.Content.ReadFromJsonAsync<JsonElement>(Ct);
            markers.AddRange([body.GetProperty("secret").GetString()!, $"hooks-{a.Slug}.example.com", $"A's webhook {a.Slug}"]);
        }
        using (var keys = await adminA.GetAsync("/api/v1/api-keys?limit=200", Ct))
            foreach (var key in (await keys.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray())
            {
                markers.Add(key.GetProperty("id").GetString()!);
                markers.Add(key.GetProperty("prefix").GetString()!);
            }

        // A complaint, written the way the app writes (EF as tenant A), so complaint endpoints get probed too.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(a.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            var complaint = new Complaint
            {
                Id = Guid.CreateVersion7(now), Number = $"C-PROBE-{a.Slug[^8..]}", Subject = $"A's confidential subject {a.Slug}",
                Description = "Only tenant A may read this.", CustomerName = $"A's customer {a.Slug}",
                CustomerEmail = $"customer-{a.Slug}@example.test", Channel = ComplaintChannel.Api, ReceivedAt = now, CreatedAt = now,
            };
            db.Complaints.Add(complaint);
            // A department with A's admin in it and a category, so their endpoints get probed with A's ids too.
            var adminUserId = await db.TenantMembers.Select(m => m.UserId).FirstAsync(Ct);
            var department = new Department { Id = Guid.CreateVersion7(now), Name = $"A's department {a.Slug}", CreatedAt = now };
            department.Members.Add(new DepartmentMember { DepartmentId = department.Id, UserId = adminUserId, AddedAt = now });
            db.Departments.Add(department);
            var category = new Category { Id = Guid.CreateVersion7(now), Name = $"A's category {a.Slug}", CreatedAt = now };
            db.Categories.Add(category);
            // A message in the webhook's delivery log, so the delivery and replay endpoints get A's ids.
            var webhookId = await db.WebhookSubscriptions.Select(w => w.Id).FirstAsync(Ct);
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(now), SubscriptionId = webhookId, ComplaintId = complaint.Id, EventId = Guid.CreateVersion7(now),
                EventType = "complaint.received", Body = $"{{\"probe\":\"A's delivery {a.Slug}\"}}", Status = WebhookDeliveryStatus.Delivered,
                NextAttemptAt = now, CreatedAt = now, LastResponse = $"A's receiver answer {a.Slug}",
            });
            await db.SaveChangesAsync(Ct);
            markers.AddRange([complaint.Number, complaint.Subject, complaint.CustomerName, complaint.CustomerEmail, department.Name, category.Name,
                $"A's delivery {a.Slug}", $"A's receiver answer {a.Slug}"]);
        }

        // Every uuid in any of A's rows, in every table with tenant_id (found from the catalog).
        var ids = new HashSet<string> { a.Id.ToString() };
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        foreach (var table in await TenantTablesAsync(super, Ct))
        {
            var columns = (await UuidColumnsAsync(super, table, Ct)).Where(c => c != "tenant_id").ToList();
            if (columns.Count == 0) continue;
            await using var command = new NpgsqlCommand(
                $"SELECT {string.Join(", ", columns.Select(c => Quote(c) + "::text"))} FROM {Quote(table)} WHERE tenant_id = $1", super);
            command.Parameters.Add(new NpgsqlParameter { Value = a.Id });
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                for (var i = 0; i < columns.Count; i++)
                    if (!reader.IsDBNull(i)) ids.Add(reader.GetString(i));
        }
        Assert.True(ids.Count >= 6, $"Expected A's tenant, keys, member, user and complaint ids; found {ids.Count}");
        markers.AddRange(ids);
        return (a, ids.ToList(), markers.Distinct().ToList());
    }

    [Fact]
    public async Task Tenant_B_admin_key_cannot_reach_tenant_A_through_any_endpoint()
    {
        var (a, ids, markers) = await TenantAWithDataAsync();
        var b = await app.ProvisionTenantAsync("probeb", Ct);
        using var clientB = app.CreateClient(b.ApiKey);
        string[] others = [a.Slug, a.Id.ToString(), "1", "current"];

        var failures = new List<string>();
        var sent = 0;
        var withParameters = 0;
        foreach (var endpoint in ApiEndpoints())
        foreach (var method in MethodsOf(endpoint))
        foreach (var path in Paths(endpoint.RoutePattern, ids, others, firstOnly: false))
        {
            var probe = new Probe(endpoint, method, path);
            var hasParameters = endpoint.RoutePattern.Parameters.Count > 0;
            using var request = Request(probe);
            using var response = await clientB.SendAsync(request, Ct);
            sent++;
            if (hasParameters) withParameters++;
            var status = (int)response.StatusCode;
            // The request path is echoed as the problem's "instance"; only what the server adds counts.
            var text = (await response.Content.ReadAsStringAsync(Ct)).Replace(path, "");
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers)
                .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")).Replace(path, "");

            if (status >= 500) failures.Add($"{probe} → {status}");
            else if (hasParameters && status is < 400 or >= 500) failures.Add($"{probe} → {status} (expected 4xx for A's ids)");
            var leaked = markers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase) || headers.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
            if (leaked.Count > 0) failures.Add($"{probe} → {status} leaks A's {string.Join(", ", leaked)}");
        }

        TestContext.Current.SendDiagnosticMessage($"{sent} probes sent, {withParameters} with A's ids in the route");
        Assert.True(withParameters > 0, "No endpoint with route parameters was probed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} probes failed:\n" + string.Join("\n", failures));

        // Nothing of A's was changed by the probes (revoked, renamed...).
        using var adminA = app.CreateClient(a.ApiKey);
        using var current = await adminA.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(a.Name, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
        using var keys = await adminA.GetAsync("/api/v1/api-keys?limit=200", Ct);
        var statuses = (await keys.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()
            .Select(k => k.GetProperty("status").GetString()).ToList();
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("active", s));
    }

    [Fact]
    public async Task Every_api_endpoint_refuses_callers_without_credentials()
    {
        var (_, ids, markers) = await TenantAWithDataAsync();
        using var anonymous = app.Factory.CreateApiClient();
        string[] others = ["1"];

        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in ApiEndpoints())
        {
            // Platform endpoints are anonymous to the API-key scheme but guarded by the platform key (not sent here).
            var platform = endpoint.Metadata.GetMetadata<PlatformKeyFilterMarker>() is not null;
            var anonymousAllowed = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && !platform;
            foreach (var method in MethodsOf(endpoint))
            foreach (var path in Paths(endpoint.RoutePattern, ids, others, firstOnly: true))
            {
                var probe = new Probe(endpoint, method, path);
                using var request = Request(probe);
                using var response = await anonymous.SendAsync(request, Ct);
                sent++;
                var status = (int)response.StatusCode;
                var text = (await response.Content.ReadAsStringAsync(Ct)).Replace(path, "");
                if (status >= 500) failures.Add($"{probe} → {status}");
                else if (!anonymousAllowed && response.StatusCode != HttpStatusCode.Unauthorized)
                    failures.Add($"{probe} → {status} (expected 401{(platform ? ": platform key missing" : "")})");
                else if (!anonymousAllowed && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{probe} → 401 without a problem body");
                var leaked = markers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
                if (leaked.Count > 0) failures.Add($"{probe} → {status} leaks A's {string.Join(", ", leaked)}");
            }
        }

        Assert.True(sent > 0);
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} anonymous probes failed:\n" + string.Join("\n", failures));
    }
}
