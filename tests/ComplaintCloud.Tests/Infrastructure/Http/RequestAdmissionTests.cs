using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Infrastructure.Http;

public sealed class RequestAdmissionTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_only_turn_is_taken_and_nobody_may_queue_an_API_request_is_503_with_Retry_After_and_nothing_else_waits()
    {
        // Its own host: one request at a time, no queue.
        await using var host = app.CreateFactory(new Dictionary<string, string?>
        {
            ["Admission:MaxConcurrentRequests"] = "1",
            ["Admission:QueueLimit"] = "0",
        });
        host.StartKestrel(); // a real socket: the request's headers reach the app before its body does
        var tenant = await AppFixture.ProvisionTenantAsync(host, "admit", Ct);
        using var client = new HttpClient { BaseAddress = new Uri(host.ServerAddress) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);

        // A create whose body arrives only when released: it holds the one turn meanwhile.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = client.PostAsync("/api/v1/complaints", new HeldJsonContent(CreateBody, release.Task), Ct);
        await TurnTakenAsync(host.Services.GetRequiredService<RequestAdmission>(), held);

        using var busy = await client.GetAsync("/api/v1/tenants/current", Ct);
        var problem = await Problems.AssertProblemAsync(busy, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);

        // Outside the API nothing waits for a turn: health checks and uploads (multipart) go straight through.
        using (var live = await client.GetAsync("/health/live", Ct)) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var form = new MultipartFormDataContent { { new StringContent("x"), "file" } })
        using (var upload = await client.PostAsync("/api/v1/import-jobs", form, Ct))
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, upload.StatusCode);

        // Released, the held create completes, and the next request is admitted again.
        release.SetResult();
        using (var created = await held)
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var after = await client.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private const string CreateBody = """
        {"subject":"Held","description":"Its body arrives late.","channel":"web","severity":"general","customer":{"name":"Ada"}}
        """;

    // The held request takes its turn a moment after it was sent: wait until no turn is free.
    private static async Task TurnTakenAsync(RequestAdmission admission, Task<HttpResponseMessage> held)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (admission.Statistics?.CurrentAvailablePermits != 0)
        {
            Assert.False(held.IsCompleted, $"The held request ended early: {(held.IsCompletedSuccessfully ? (int)held.Result.StatusCode : held.Status)}.");
            Assert.True(DateTime.UtcNow < deadline, "The held request never took the API's only turn.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct); // a poll interval for the other request, not a timing assertion
        }
    }

    /// <summary>JSON whose first byte is sent at once and the rest only once <paramref name="release"/> completes.</summary>
    private sealed class HeldJsonContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly Task release;

        public HeldJsonContent(string json, Task release)
        {
            bytes = Encoding.UTF8.GetBytes(json);
            this.release = release;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync(); // the headers and one byte go out: the app starts on the request and reads on
            await release;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
