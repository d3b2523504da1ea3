using ComplaintCloud.Api.Features;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Bench;
using Htmx.TagHelpers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;

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
        app.UseTrustedProxies(); // first: the client address and scheme everything after it sees
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts(); // on HTTPS requests only (also HTTPS a trusted proxy forwarded)
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestAdmissionMiddleware>(); // first, so everything a request does waits its turn
        app.UseRateLimiter(); // endpoint policies (the public complaint form); the API's per-tenant limit is below
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseHttpLogging();
        app.UseMiddleware<TenantRateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<NulCharacterGuard>(); // before anything of the request is stored
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapComplaintCloudOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHtmxAntiforgeryScript();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        app.MapApiEndpoints();
        app.MapBenchEndpointsWhenEnabled();
    }
}
