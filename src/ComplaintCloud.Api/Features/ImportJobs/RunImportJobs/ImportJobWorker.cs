using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;

public sealed class ImportJobOptions
{
    /// <summary>Run the worker in this process (tests switch it off and call <see cref="ImportJobRunner.RunOnceAsync"/>).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often an idle worker looks for jobs queued on other instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Runs import batches while there are any; otherwise waits for a wake-up or the next poll.</summary>
public sealed class ImportJobWorker(ImportJobRunner runner, ImportJobSignal signal, TimeProvider clock, IOptions<ImportJobOptions> options,
    ILogger<ImportJobWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Worker) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await runner.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) // e.g. the database is away: the job stays where its last batch left it and is retried
            {
                log.LogError(e, "An import batch failed; retrying after the poll interval");
                worked = false;
            }
            if (!worked) await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
        }
    }
}
