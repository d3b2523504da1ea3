using System.Security.Cryptography;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Idempotency;

/// <summary>
/// Makes tenant API POSTs safe to retry: the first request with a given Idempotency-Key claims the
/// key (a row committed before the work starts), its response is stored, and later requests with
/// the same key and body get that response again. Same key, different request → 422; same key
/// while the first is still running → 409. Failures (5xx) release the key so a retry can succeed.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private const int MaxKeyLength = 255;
    private const int MaxStoredBody = 1 << 20;

    public async Task InvokeAsync(HttpContext http, ITenantContext tenant)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || tenant.TenantId is null || !http.Request.Path.StartsWithSegments("/api")
            || !http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(http);
            return;
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>(); // only when a key was sent
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
            throw new BadRequestException($"{HeaderName} must be 1 to {MaxKeyLength} characters.");

        var fingerprint = await FingerprintAsync(http.Request);
        var now = clock.GetUtcNow();
        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, http.RequestAborted);
        if (existing is not null && existing.CreatedAt > now - Retention)
        {
            await ReplayAsync(http, existing, fingerprint);
            return;
        }

        var record = await ClaimAsync(db, existing, key, fingerprint, now, http.RequestAborted);
        if (record is null)
        {
            var winner = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key, http.RequestAborted);
            await ReplayAsync(http, winner, fingerprint);
            return;
        }

        var originalBody = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            await ReleaseAsync(db, record);
            throw;
        }
        finally
        {
            http.Response.Body = originalBody;
        }

        if (http.Response.StatusCode >= 500 || buffer.Length > MaxStoredBody) await ReleaseAsync(db, record);
        else await StoreAsync(db, record, http.Response, buffer.ToArray());

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, http.RequestAborted);
    }

    private static async Task<IdempotencyRecord?> ClaimAsync(AppDbContext db, IdempotencyRecord? expired, string key,
        string fingerprint, DateTimeOffset now, CancellationToken ct)
    {
        if (expired is not null)
            await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt == expired.CreatedAt).ExecuteDeleteAsync(ct);

        var record = new IdempotencyRecord { Key = key, RequestFingerprint = fingerprint, CreatedAt = now };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return record;
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached; // another request claimed the key first
            return null;
        }
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record, string fingerprint)
    {
        if (record.RequestFingerprint != fingerprint)
            throw new UnprocessableException($"This {HeaderName} was already used for a different request.");
        if (record.StatusCode == 0)
            throw new ConflictException($"A request with this {HeaderName} is still being processed; retry shortly.");

        http.Response.StatusCode = record.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.Location is not null) http.Response.Headers.Location = record.Location;
        if (record.ETag is not null) http.Response.Headers.ETag = record.ETag;
        if (record.ContentType is not null) http.Response.ContentType = record.ContentType;
        if (record.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task StoreAsync(AppDbContext db, IdempotencyRecord record, HttpResponse response, byte[] body)
    {
        db.ChangeTracker.Clear();
        db.Attach(record);
        record.StatusCode = response.StatusCode;
        record.ContentType = response.ContentType;
        record.Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
        record.ETag = response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null;
        record.Body = body;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task ReleaseAsync(AppDbContext db, IdempotencyRecord record) =>
        await db.IdempotencyRecords.Where(r => r.Key == record.Key && r.StatusCode == 0).ExecuteDeleteAsync(CancellationToken.None);

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var hash = request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            ? await FormHashAsync(request)
            : await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return $"{request.Method} {request.Path} {Convert.ToHexStringLower(hash)}";
    }

    /// <summary>
    /// A multipart body is hashed by its fields and files, not its bytes: clients draw a new random boundary
    /// for every request, so a retry of the same upload has other bytes. The parsed form is cached on the
    /// request, so the endpoint does not read the body again. Uploads are as large as their endpoint allows
    /// (import files: 20 MB); parts beyond 64 KB are buffered to disk by the form reader, not held in memory.
    /// </summary>
    private static async Task<byte[]> FormHashAsync(HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var form = await request.ReadFormAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text ?? "");
            hash.AppendData(BitConverter.GetBytes(bytes.Length)); // length-prefixed: no two forms hash alike by shifting text
            hash.AppendData(bytes);
        }
        foreach (var (name, values) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Add(name);
            foreach (var value in values) Add(value);
        }
        var buffer = new byte[81920];
        foreach (var file in form.Files)
        {
            Add(file.Name);
            Add(file.FileName);
            hash.AppendData(BitConverter.GetBytes(file.Length));
            await using var content = file.OpenReadStream();
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        return hash.GetHashAndReset();
    }
}
