using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin;
using ComplaintCloud.Api.Features.Complaints;
using ComplaintCloud.Api.Features.Escalation;
using ComplaintCloud.Api.Features.ImportJobs;
using ComplaintCloud.Api.Features.Messages;
using ComplaintCloud.Api.Features.Notifications;
using ComplaintCloud.Api.Features.SlaPolicies;
using ComplaintCloud.Api.Features.SlaTimers;
using ComplaintCloud.Api.Features.Users;
using ComplaintCloud.Api.Features.Webhooks;
using ComplaintCloud.Api.Features.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Bench;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Pipeline;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ComplaintCloud.Api.Infrastructure;

public static class ServiceRegistration
{
    /// <summary>True when the build starts the app only to write the OpenAPI document (no database then).</summary>
    public static bool IsOpenApiGeneration =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static void AddComplaintCloud(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton<TimeProvider>(new MicrosecondTimeProvider(TimeProvider.System));
        services.AddSlaTimers(configuration, startWorkers: !IsOpenApiGeneration);
        services.AddComplaintEventConsumers(configuration, runBackgroundWork: !IsOpenApiGeneration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IHttpContextAccessor>((o, http) =>
            o.SerializerOptions.Converters.Add(new NulRefusingStringConverter(http)));
        // A body that cannot be bound (malformed JSON, a NUL in a string) throws to the exception handler, as in Development,
        // instead of an empty 400: the problem then says where in the body it went wrong, and names a refused field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 1 << 20);

        AddPersistence(services, configuration);
        AddIdentityAndAuth(services, configuration);
        services.AddCommunication(configuration, runBackgroundWork: !IsOpenApiGeneration,
            checkPublicOriginOnStart: !IsOpenApiGeneration);

        services.AddMediator((Mediator.MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>), typeof(QueryRetryBehavior<,>)];
        });
        // Singletons: building a validator's rules compiles expression trees, too dear to redo on every request.
        // So a validator depends only on singletons (the clock, options); anything per-request belongs in the handler.
        services.AddValidatorsFromAssemblyContaining<AppDbContext>(ServiceLifetime.Singleton, includeInternalTypes: true);

        // Each feature area registers its own services (Features/<Area>/<Area>Setup.cs); this file keeps the plumbing.
        services.AddAdmin(configuration);
        services.AddComplaints(configuration);
        services.AddMessages();
        services.AddUsers();
        services.AddSlaPolicies();
        services.AddEscalation(configuration, startWorkers: !IsOpenApiGeneration);
        services.AddImportJobs(configuration, startWorker: !IsOpenApiGeneration);
        services.AddNotifications(configuration, startWorker: !IsOpenApiGeneration);
        services.AddWebhooks(configuration, startWorker: !IsOpenApiGeneration);
        services.AddReturnVisits(configuration, startWorker: !IsOpenApiGeneration);

        services.AddTrustedProxies(configuration);
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimit"));
        services.Configure<AdmissionOptions>(configuration.GetSection("Admission"));
        services.AddSingleton<RequestAdmission>();
        services.AddComplaintCloudOpenApi();
        services.AddRequestLogging();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            var cultures = UiCulture.Supported.Select(c => new CultureInfo(c)).ToList();
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new Features.ReturnVisits.Survey.SurveyLanguage(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // Every page is for members unless its model says [AllowAnonymous] (sign-in, public forms, links sent by email).
                o.Conventions.AuthorizeFolder("/", Policies.AnyMember);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS, also behind a trusted proxy
        });

        AddTelemetry(services, configuration);
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
    }

    internal static NpgsqlDataSource BuildDataSource(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
                               ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured.");
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Prepare the statements every request runs (the same few inserts and selects) once per connection
        // instead of parsing and planning them each time; Npgsql keeps them across pooled opens.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        return builder.Build();
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        // Read lazily: OpenAPI generation at build starts the app without any database.
        services.AddSingleton(_ => BuildDataSource(configuration));
        services.AddBenchDataSource(configuration);
        if (!IsOpenApiGeneration) services.AddHostedService<DatabaseRoleCheck>();
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddScoped<Events.ComplaintEventDispatcher>();
        // Pooled contexts: building a context per request was the largest cost of a simple API read.
        services.AddSingleton<TenantConnectionInterceptor>();
        services.AddPooledDbContextFactory<AppDbContext>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsAssembly("ComplaintCloud.Migrations"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>()));
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            db.AttachTo(sp.GetRequiredService<ITenantContext>(), sp);
            return db;
        });
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<DatabaseRetry>();
        // One workspace's creates in flight at once share a round trip and a commit; off only to measure without it.
        if (configuration.GetValue("Persistence:GroupCommit", true)) services.AddSingleton<GroupCommit>();
        services.AddSingleton<Idempotency.CrashPoints>();
        var dataProtection = services.AddDataProtection().SetApplicationName("ComplaintCloud");
        if (!IsOpenApiGeneration) dataProtection.PersistKeysToDbContext<AppDbContext>().EncryptKeysWhenConfigured(configuration);
    }

    private static void AddIdentityAndAuth(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PlatformOptions>(configuration.GetSection("Platform"));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<TenantScopes>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();

        services.AddAuthentication(AuthSchemes.ByPath)
            .AddPolicyScheme(AuthSchemes.ByPath, "API key or admin cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? AuthSchemes.ApiKey : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/admin/sign-in";
                o.LogoutPath = "/admin/sign-out";
                o.AccessDeniedPath = "/admin/forbidden";
                o.Cookie.Name = "cc.admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = MembershipCookieValidator.ValidateAsync;
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AnyApiKey, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireClaim(AppClaims.ApiKeyId))
            .AddPolicy(Policies.ComplaintsRead, p => RequireScope(p, ApiKeyScopes.ComplaintsRead))
            .AddPolicy(Policies.ComplaintsWrite, p => RequireScope(p, ApiKeyScopes.ComplaintsWrite))
            .AddPolicy(Policies.ApiAdmin, p => RequireScope(p, ApiKeyScopes.Admin))
            .AddPolicy(Policies.AnyMember, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.TenantRole))
            .AddPolicy(Policies.SupervisorUser, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(AppClaims.TenantRole, nameof(TenantRole.Supervisor), nameof(TenantRole.Admin)))
            .AddPolicy(Policies.AdminUser, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(AppClaims.TenantRole, nameof(TenantRole.Admin)));
    }

    // The admin scope stands for full control of the tenant, so it includes the narrower scopes.
    private static void RequireScope(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, string scope) =>
        policy.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireAssertion(c =>
            c.User.HasClaim(AppClaims.Scope, scope) || c.User.HasClaim(AppClaims.Scope, ApiKeyScopes.Admin));

    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        // Spans and metrics are recorded only when there is somewhere to send them: without an exporter the
        // tracer would still build an activity for every request and every SQL command, and drop it.
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("complaintcloud"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("Npgsql"))
            .UseOtlpExporter();
    }
}
