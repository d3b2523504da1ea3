using System.Threading.Channels;

namespace ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;

/// <summary>Wakes the import worker when a job was queued on this instance, so it need not wait for its next poll.</summary>
public sealed class ImportJobSignal
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when woken or after <paramref name="timeout"/> on the given clock, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try { await wakeUps.Reader.ReadAsync(either.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { } // the poll interval passed
    }
}
