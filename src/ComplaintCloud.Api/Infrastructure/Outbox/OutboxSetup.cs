namespace ComplaintCloud.Api.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    /// <summary>Whether the background dispatcher runs in this process (tests drive it one pass at a time instead).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Rows claimed per tenant and channel per pass.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>Tenants served per channel per pass.</summary>
    public int TenantsPerPass { get; set; } = 50;
    /// <summary>Email: after this many failed attempts a message is dead (kept, with its last error, for an operator).</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>Email: first retry delay; doubles with each further attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}

public static class OutboxSetup
{
    /// <summary>The dispatcher (one per process: the hosted loop and tests' RunOnceAsync share it).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration, bool runBackgroundWork)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxDispatcher>();
        if (runBackgroundWork) services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>Adds a channel the dispatcher delivers through (a singleton: it outlives requests).</summary>
    public static IServiceCollection AddOutboxChannel<TChannel>(this IServiceCollection services) where TChannel : class, IOutboxChannel =>
        services.AddSingleton<IOutboxChannel, TChannel>();
}
