using System.Threading.Channels;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);
    public string Type => Json.GetProperty("type").GetString()!;
    public Guid ComplaintId => Json.GetProperty("data").GetProperty("complaintId").GetGuid();
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel on a free port). <see cref="Respond"/> decides each answer (default 204);
/// every request is recorded, in arrival order, and signalled.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public Func<ReceivedWebhook, HttpContext, Task>? Respond { get; set; }
    /// <summary>The receiver's clock, against which it checks webhook-timestamp (the test host's fake one).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    private readonly Channel<ReceivedWebhook> arrivals = Channel.CreateUnbounded<ReceivedWebhook>();

    public string Url { get; private set; } = "";

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var received = new ReceivedWebhook(context.Request.Path, context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body, Clock());
            Received.Enqueue(received);
            arrivals.Writer.TryWrite(received);
            if (Respond is { } respond) await respond(received, context);
            else context.Response.StatusCode = 204;
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Url = receiver.app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>Waits for the next request to arrive (bounded, so a broken test fails instead of hanging).</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(30));
        return await arrivals.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
