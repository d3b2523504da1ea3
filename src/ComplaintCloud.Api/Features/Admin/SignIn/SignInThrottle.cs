using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace ComplaintCloud.Api.Features.Admin.SignIn;

public sealed class SignInLimitOptions
{
    public const string Section = "SignIn";
    /// <summary>Sign-in attempts one client address may make per <see cref="Window"/>.</summary>
    public int AttemptsPerWindow { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";
    /// <summary>Reset emails one client address may ask for per <see cref="Window"/>.</summary>
    public int RequestsPerWindow { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How long an emailed reset link works (it also stops working once used).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>
/// Per client address budgets for the pages that take a password or send an account email, on the built-in
/// rate limiter (a sliding window per address). Taken in the page handler rather than as endpoint middleware,
/// so that a refused attempt is the same form with a message (and status 429), and only form posts count.
/// Lockout per account stays as well: this stops one address from trying many accounts.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> signIn;
    private readonly PartitionedRateLimiter<string> passwordReset;

    public SignInThrottle(SignInLimitOptions signInOptions, PasswordResetOptions resetOptions)
    {
        SignInWindow = signInOptions.Window;
        ResetWindow = resetOptions.Window;
        signIn = PerAddress(signInOptions.AttemptsPerWindow, signInOptions.Window);
        passwordReset = PerAddress(resetOptions.RequestsPerWindow, resetOptions.Window);
    }

    public TimeSpan SignInWindow { get; }
    public TimeSpan ResetWindow { get; }

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TrySignIn(HttpContext http) => Acquire(signIn, http, SignInWindow);

    /// <inheritdoc cref="TrySignIn"/>
    public TimeSpan? TryPasswordReset(HttpContext http) => Acquire(passwordReset, http, ResetWindow);

    /// <summary>Makes the page that shows the refusal a 429 with Retry-After.</summary>
    public static void MarkTooManyRequests(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, HttpContext http, TimeSpan window)
    {
        using var lease = limiter.AttemptAcquire(ClientKey(http.Connection.RemoteIpAddress));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    /// <summary>The address, with IPv6 clients counted per /64 (one subscriber's network) so rotating addresses gains nothing.</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static PartitionedRateLimiter<string> PerAddress(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = window, SegmentsPerWindow = 5, QueueLimit = 0, AutoReplenishment = true,
            }));

    public void Dispose()
    {
        signIn.Dispose();
        passwordReset.Dispose();
    }
}
