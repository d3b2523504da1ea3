using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.Complaints.PublicIntake;
using ComplaintCloud.Api.Features.Complaints.ReceiveEmail;
using ComplaintCloud.Api.Features.Complaints.Shared;

namespace ComplaintCloud.Api.Features.Complaints;

/// <summary>The complaints' services: intake (API, admin, public form, email, CSV), who may work on one and which actions they may take, the public form's links and limit.</summary>
public static class ComplaintsSetup
{
    public static IServiceCollection AddComplaints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ComplaintIntake>();
        services.AddScoped<ComplaintAccess>();
        services.AddSingleton<ComplaintActionCatalog>(); // the workflow's actions, plus any a test or plug-in registers
        services.AddScoped<ComplaintRowImporter>();
        services.AddScoped<EmailThreading>();
        services.AddSingleton<PublicComplaintLinks>();
        services.AddRateLimiter(o => o.AddPublicIntakeLimits(configuration.GetValue("PublicIntake:PermitsPerMinute", 10)));
        return services;
    }
}
