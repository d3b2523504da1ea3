using ComplaintCloud.Api.Features;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Htmx.TagHelpers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure;

public static class RequestPipeline
{
    public static void AddRequestLogging(this IServiceCollection services) => services.AddHttpLogging(o =>
    {
        o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode
                          | HttpLoggingFields.Duration;
        o.CombineLogs = true;
    });

    public static void UseComplaintCloud(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter(); // endpoint policies (the public complaint form); the API's per-tenant limit is below
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseHttpLogging();
        app.UseMiddleware<TenantRateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapComplaintCloudOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHtmxAntiforgeryScript();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        app.MapApiEndpoints();

        if (app.Configuration.GetValue<bool>("Bench:RawEndpoint")) MapBenchBaseline(app);
    }

    // The benchmark's yardstick: the same host doing one plain Npgsql query, no auth, no EF, no tenancy.
    private static void MapBenchBaseline(WebApplication app) =>
        app.MapGet("/bench/raw", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("SELECT id, user_name, email FROM users ORDER BY id LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? Results.Ok(new { id = reader.GetGuid(0), userName = reader.GetString(1), email = reader.GetString(2) })
                : Results.NotFound();
        }).ExcludeFromDescription();
}
