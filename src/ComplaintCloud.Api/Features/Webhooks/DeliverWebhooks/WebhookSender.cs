using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;

/// <summary>What one attempt came to, for the delivery log.</summary>
public sealed record WebhookAttempt(bool Delivered, int? HttpStatus, int DurationMs, string? Response, string? Error);

/// <summary>
/// Posts one signed message. Outbound safety: the host is resolved here (<see cref="IWebhookHostResolver"/>), every
/// address is checked (<see cref="WebhookAddresses.IsPublic"/>) and the connection is made to the checked address itself
/// (so a second lookup cannot swap in another); TLS is still validated against the host name. Redirects are not followed
/// (a 3xx is a failure); connect and response timeouts; at most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer
/// is read and its first kilobyte kept.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient client;
    private readonly IWebhookHostResolver resolver;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider clock;

    public WebhookSender(IWebhookHostResolver resolver, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        (this.resolver, this.options, this.clock) = (resolver, options, clock);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Value.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 64, ConnectCallback = ConnectAsync,
            // What is left of an answer past the cap is never read, not even to reuse the connection: it is closed instead.
            MaxResponseDrainSize = 0,
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // each attempt has its own deadline
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ComplaintCloud-Webhooks/1.0");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        var allowed = options.Value.AllowPrivateNetworks ? addresses : addresses.Where(WebhookAddresses.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new WebhookRefusedException(addresses.Length == 0
                ? $"{host} does not resolve to any address."
                : $"{host} resolves to a private, loopback, link-local or otherwise non-public address ({string.Join(", ", addresses.Distinct())}); refused.");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    public async Task<WebhookAttempt> SendAsync(string url, string messageId, string body, IReadOnlyList<byte[]> keys, CancellationToken ct)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (WebhookAddresses.Problem(url, settings.AllowPrivateNetworks) is { } problem) return new WebhookAttempt(false, null, 0, null, problem);

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Signature(messageId, timestamp, body, keys));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.ResponseTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var (logged, _) = await ReadCappedAsync(response, settings.MaxResponseBytes, deadline.Token);
            var status = (int)response.StatusCode;
            var delivered = status is >= 200 and < 300;
            var error = delivered ? null
                : status is >= 300 and < 400 ? $"Answered {status} (a redirect, not followed)."
                : $"Answered {status}.";
            return new WebhookAttempt(delivered, status, Elapsed(), logged, error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, Elapsed(), null, $"No answer within {settings.ResponseTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is WebhookRefusedException refused ? refused.Message : e.InnerException?.Message ?? e.Message;
            return new WebhookAttempt(false, null, Elapsed(), null, reason);
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes of the body (the rest is never read); returns the first kilobyte as text.</summary>
    private static async Task<(string? Logged, int Read)> ReadCappedAsync(HttpResponseMessage response, int max, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[Math.Max(WebhookRetrySchedule.LoggedResponseBytes, 1)];
        var kept = 0;
        var total = 0;
        var scratch = new byte[8192];
        while (total < max)
        {
            var n = await stream.ReadAsync(scratch.AsMemory(0, Math.Min(scratch.Length, max - total)), ct);
            if (n == 0) break;
            var keep = Math.Min(n, buffer.Length - kept);
            if (keep > 0) Array.Copy(scratch, 0, buffer, kept, keep);
            kept += keep;
            total += n;
        }
        // PostgreSQL text cannot hold NUL.
        return (kept == 0 ? null : Encoding.UTF8.GetString(buffer, 0, kept).Replace('\0', '\uFFFD'), total);
    }

    public void Dispose() => client.Dispose();
}

/// <summary>The target address is one webhooks may not reach.</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
