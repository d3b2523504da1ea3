using System.Security.Cryptography;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Idempotency;

/// <summary>
/// Makes tenant API POSTs safe to retry. The key's claim, the work and the response stored for replay are one
/// database transaction: a crash before its commit leaves nothing (the retry does the work), a crash after it leaves
/// the response (the retry gets it). A concurrent request with the same key waits on the claim's row lock and then
/// replays. Same key with another request → 422. Failures (exceptions, 5xx) roll everything back, so the key is free.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock, CrashPoints crashPoints)
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
        var existing = await FindAsync(db, key, http.RequestAborted);
        if (IsLive(existing, now))
        {
            await ReplayAsync(http, existing!, fingerprint);
            return;
        }

        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        if (existing is not null) // expired, or left claimed by the protocol before claims committed with the work
            await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt == existing.CreatedAt).ExecuteDeleteAsync(http.RequestAborted);
        if (!await ClaimAsync(db, tenant.RequiredTenantId, key, fingerprint, now, http.RequestAborted))
        {
            // Another request held the claim, and we waited on its row until it committed: replay what it stored.
            await transaction.RollbackAsync(http.RequestAborted);
            var winner = await FindAsync(db, key, http.RequestAborted);
            if (!IsLive(winner, now)) throw new ConflictException($"A request with this {HeaderName} was just answered; retry.");
            await ReplayAsync(http, winner!, fingerprint);
            return;
        }

        var originalBody = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http); // commands join this transaction (TransactionBehavior saves, we commit)
        }
        finally
        {
            http.Response.Body = originalBody;
        }

        if (http.Response.StatusCode >= 500) return; // rolled back with the transaction: the key stays free
        if (buffer.Length <= MaxStoredBody) await StoreAsync(db, key, http.Response, buffer.ToArray(), http.RequestAborted);
        else await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteDeleteAsync(http.RequestAborted); // too large to replay

        crashPoints.Reach(CrashPoints.BeforeCommit);
        try
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception e) when (TransientDatabaseFailures.Is(e))
        {
            throw new CommitOutcomeUnknownException(e);
        }
        db.RunCommittedActions();
        crashPoints.Reach(CrashPoints.AfterCommit);

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, http.RequestAborted);
    }

    private static Task<IdempotencyRecord?> FindAsync(AppDbContext db, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct);

    // A committed claim always carries its response; status 0 is a claim orphaned by a crash under the old protocol.
    private static bool IsLive(IdempotencyRecord? record, DateTimeOffset now) =>
        record is { StatusCode: > 0 } && record.CreatedAt > now - Retention;

    /// <summary>
    /// Inserts the claim in this transaction. When another transaction holds an uncommitted claim of the same key, the
    /// insert waits for it: after its commit this returns false (replay it), after its rollback the claim is ours.
    /// </summary>
    private static async Task<bool> ClaimAsync(AppDbContext db, Guid tenantId, string key, string fingerprint, DateTimeOffset now,
        CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_records (tenant_id, key, request_fingerprint, status_code, created_at)
            VALUES ({tenantId}, {key}, {fingerprint}, 0, {now}) ON CONFLICT DO NOTHING
            """, ct) == 1;

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record, string fingerprint)
    {
        if (record.RequestFingerprint != fingerprint)
            throw new UnprocessableException($"This {HeaderName} was already used for a different request.");

        http.Response.StatusCode = record.StatusCode;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.Location is not null) http.Response.Headers.Location = record.Location;
        if (record.ETag is not null) http.Response.Headers.ETag = record.ETag;
        if (record.ContentType is not null) http.Response.ContentType = record.ContentType;
        if (record.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static Task StoreAsync(AppDbContext db, string key, HttpResponse response, byte[] body, CancellationToken ct) =>
        db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.StatusCode, response.StatusCode)
            .SetProperty(x => x.ContentType, response.ContentType)
            .SetProperty(x => x.Location, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null)
            .SetProperty(x => x.ETag, response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null)
            .SetProperty(x => x.Body, body), ct);

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
        foreach (var (name, formValues) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Add(name);
            foreach (var value in formValues) Add(value);
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
