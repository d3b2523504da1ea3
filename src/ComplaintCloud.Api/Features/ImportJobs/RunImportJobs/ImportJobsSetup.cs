using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.ImportJobs.Shared;

namespace ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;

public static class ImportJobsSetup
{
    public static void AddImportJobs(this IServiceCollection services, IConfiguration configuration, bool startWorker)
    {
        services.AddScoped<ComplaintRowImporter>();
        services.AddScoped<IImportFileStore, PostgresImportFileStore>();
        services.AddSingleton<ImportJobSignal>();
        services.AddSingleton<ImportJobRunner>();
        services.Configure<ImportJobOptions>(configuration.GetSection("ImportJobs"));
        if (startWorker) services.AddHostedService<ImportJobWorker>(); // it reads ImportJobs:Worker when it starts (settings may come late)
    }
}
