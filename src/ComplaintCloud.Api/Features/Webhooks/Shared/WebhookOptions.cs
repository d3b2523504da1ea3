namespace ComplaintCloud.Api.Features.Webhooks.Shared;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";
    /// <summary>
    /// Lets subscriptions reach loopback, private, link-local and other non-public addresses, and plain http. Off in
    /// production: a workspace admin must not be able to make the app call into its own network. ./run.sh and tests set it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Whether the background delivery loop runs in this process (tests drive <c>WebhookDeliveryWorker.RunOnceAsync</c>).</summary>
    public bool Worker { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Messages claimed per subscription per round.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>Subscriptions served per pass; each is a lane of its own, so a slow receiver holds up only itself.</summary>
    public int LanesPerPass { get; set; } = 200;
    public int MaxConcurrentLanes { get; set; } = 16;
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>From sending the request to the end of reading the (capped) answer.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The most of an answer ever read; the log keeps its first <see cref="WebhookRetrySchedule.LoggedResponseBytes"/>.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;
}

/// <summary>The Standard Webhooks retry schedule: the first attempt at once, then after each failure these waits.</summary>
public static class WebhookRetrySchedule
{
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Length;

    public const int LoggedResponseBytes = 1024;

    /// <summary>How long to wait after the <paramref name="attempts"/>th failed attempt, or null when the schedule is spent.</summary>
    public static TimeSpan? After(int attempts) => attempts < Delays.Length ? Delays[attempts] : null;
}
