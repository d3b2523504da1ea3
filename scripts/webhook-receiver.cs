#:sdk Microsoft.NET.Sdk.Web
// The demo's webhook receiver (./run.sh starts it): listens on http://127.0.0.1:$RECEIVER_PORT/webhooks (5090 by default),
// checks each message's Standard Webhooks signature with the secret in $WEBHOOK_SECRET_FILE (read on every message, so
// it may be written after start-up or rotated) and prints one line per message. It answers 204, or 500 to every message
// while the file named by $RECEIVER_FAIL_FILE exists, to watch retries in the delivery log.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var port = Environment.GetEnvironmentVariable("RECEIVER_PORT") ?? "5090";
var secretFile = Environment.GetEnvironmentVariable("WEBHOOK_SECRET_FILE");
var failFile = Environment.GetEnvironmentVariable("RECEIVER_FAIL_FILE");
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/", () => "ComplaintCloud demo webhook receiver: POST /webhooks");
app.MapPost("/webhooks", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    var id = request.Headers["webhook-id"].ToString();
    var timestamp = request.Headers["webhook-timestamp"].ToString();
    var signatures = request.Headers["webhook-signature"].ToString();
    var secrets = secretFile is not null && File.Exists(secretFile)
        ? File.ReadAllLines(secretFile).Where(l => l.StartsWith("whsec_", StringComparison.Ordinal)).ToList()
        : [];
    var verdict = secrets.Count == 0 ? "not checked (no secret yet)"
        : secrets.Any(s => Signed(s, id, timestamp, body, signatures)) ? "signature ok" : "SIGNATURE MISMATCH";
    string type = "?", number = "?";
    try
    {
        using var json = JsonDocument.Parse(body);
        type = json.RootElement.GetProperty("type").GetString() ?? "?";
        if (json.RootElement.GetProperty("data").TryGetProperty("complaintNumber", out var n)) number = n.GetString() ?? "?";
    }
    catch (JsonException) { }
    var failing = failFile is not null && File.Exists(failFile);
    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {type,-26} {number,-16} {id} {verdict}{(failing ? " -> answering 500" : "")}");
    return failing ? Results.StatusCode(500) : Results.NoContent();
});
app.Run();

// The scheme: HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the base64 after "whsec_"; any "v1," entry may match.
static bool Signed(string secret, string id, string timestamp, string body, string header)
{
    var expected = HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
    return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(e => e.StartsWith("v1,", StringComparison.Ordinal))
        .Any(e => { try { return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(e[3..]), expected); } catch (FormatException) { return false; } });
}
