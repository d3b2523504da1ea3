using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.ReturnVisits.Answer;
using ComplaintCloud.Api.Features.ReturnVisits.Deliver;
using ComplaintCloud.Api.Features.ReturnVisits.GetReturnVisit;
using ComplaintCloud.Api.Features.ReturnVisits.ListReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Schedule;
using ComplaintCloud.Api.Features.ReturnVisits.Settings;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Features.ReturnVisits.Survey;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.ReturnVisits;

/// <summary>Return visits' services: the scheduling subscriber, the scheduler every instance runs, the responder, the links.</summary>
public static class ReturnVisitsSetup
{
    public static IServiceCollection AddReturnVisits(this IServiceCollection services, IConfiguration configuration, bool startWorker)
    {
        services.Configure<ReturnVisitOptions>(configuration.GetSection(ReturnVisitOptions.Section));
        services.AddSingleton<SurveyLinks>();
        services.AddScoped<ReturnVisitReads>();
        services.AddScoped<ReturnVisitResponder>();
        services.AddScoped<Survey.SurveyLinkReader>();
        services.AddRateLimiter(o => o.AddSurveyLimits(configuration.GetValue("ReturnVisits:SurveyPostsPerMinute", 10),
            configuration.GetValue("ReturnVisits:SurveyViewsPerMinute", 60)));
        services.AddSingleton<ReturnVisitScheduler>();
        if (startWorker) services.AddHostedService(sp => sp.GetRequiredService<ReturnVisitScheduler>());
        services.AddComplaintEventSubscriber<ComplaintResolved, ReturnVisitScheduling>();
        services.AddComplaintEventSubscriber<ComplaintReopened, ReturnVisitScheduling>();
        return services.AddComplaintEventSubscriber<CustomerRejected, ReturnVisitScheduling>();
    }

    public static void MapReturnVisitsApi(this IEndpointRouteBuilder api)
    {
        api.MapReturnVisitSettings();
        api.MapListReturnVisits();
        api.MapGetReturnVisit();
        api.MapRecordReturnVisitResponse();
    }
}
