using ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;
using ComplaintCloud.Api.Features.ImportJobs.Shared;

namespace ComplaintCloud.Api.Features.ImportJobs;

/// <summary>The import jobs' services: the uploaded files' store, the runner and its background worker.</summary>
public static class ImportJobsSetup
{
    public static IServiceCollection AddImportJobs(this IServiceCollection services, IConfiguration configuration, bool startWorker)
    {
        services.AddScoped<IImportFileStore, PostgresImportFileStore>();
        services.AddSingleton<ImportJobSignal>();
        services.AddSingleton<ImportJobRunner>();
        services.Configure<ImportJobOptions>(configuration.GetSection("ImportJobs"));
        if (startWorker) services.AddHostedService<ImportJobWorker>(); // it reads ImportJobs:Worker when it starts (settings may come late)
        return services;
    }
}
