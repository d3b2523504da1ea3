using System.Buffers.Text;
using System.Text.Json;
using ComplaintCloud.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>A page of a list: the items and, when more follow, an opaque cursor for the next page.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// The one pagination helper: validated limit, opaque cursors and keyset fetching (no OFFSET).
/// A cursor is the sort key of the last item, serialised and base64url-encoded.
/// </summary>
public sealed record PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static PageRequest From(int? limit, string? cursor)
    {
        var value = limit ?? DefaultLimit;
        if (value is < 1 or > MaxLimit) throw new BadRequestException($"limit must be between 1 and {MaxLimit}.");
        return new PageRequest(value, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    /// <summary>The decoded keyset position, or default when this is the first page.</summary>
    public TKey? After<TKey>()
    {
        if (Cursor is null) return default;
        try
        {
            return JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(Cursor), CursorJson)
                   ?? throw new BadRequestException("The cursor is not valid.");
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            throw new BadRequestException("The cursor is not valid; pass nextCursor from a previous page unchanged.");
        }
    }

    public static string Encode<TKey>(TKey key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, CursorJson));

    // A hand-made cursor may carry any offset; timestamptz parameters must be UTC, so normalise on the way in.
    // Every part of a key is required: valid JSON of another shape ({"foo":1}) is a bad cursor, not the first page.
    // A key's text (a department's name) is compared in SQL, so a hand-made one with a NUL character is a bad cursor too.
    private static readonly JsonSerializerOptions CursorJson = new()
    {
        Converters = { new UtcInstantConverter(), new NulRefusingStringConverter() }, RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private sealed class UtcInstantConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime());
    }
}

public static class CursorPaging
{
    /// <summary>
    /// Takes one page from a query that is already filtered past the cursor and ordered by the key.
    /// Fetches one extra row to know whether another page follows. <paramref name="then"/>, when given, holds the rows that
    /// follow all of the first query's in the order (those with a NULL key, say), read only when the first leaves the page short.
    /// </summary>
    public static async Task<CursorPage<TView>> ToCursorPageAsync<TEntity, TKey, TView>(
        this IQueryable<TEntity> orderedQuery, PageRequest page, Func<TEntity, TKey> keyOf, Func<TEntity, TView> toView,
        CancellationToken ct, IQueryable<TEntity>? then = null)
    {
        var rows = await orderedQuery.Take(page.Limit + 1).ToListAsync(ct);
        if (then is not null && rows.Count <= page.Limit) rows.AddRange(await then.Take(page.Limit + 1 - rows.Count).ToListAsync(ct));
        var hasMore = rows.Count > page.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore ? PageRequest.Encode(keyOf(rows[^1])) : null;
        return new CursorPage<TView>(rows.Select(toView).ToList(), next);
    }
}
