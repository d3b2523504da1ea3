namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

/// <summary>
/// Reads text with every NUL character (U+0000) left out. An imported file has nobody to answer a refusal and PostgreSQL
/// cannot store NUL, so the CSV reader sees the file without them: headers, fields and row errors alike.
/// </summary>
public sealed class NulFreeReader(TextReader inner) : TextReader
{
    public override int Peek()
    {
        while (inner.Peek() == '\0') inner.Read();
        return inner.Peek();
    }

    public override int Read()
    {
        int c;
        do c = inner.Read(); while (c == '\0');
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        // A block that was all NULs is not the end of the text: read on until something is left, or the text ends.
        while (true)
        {
            var read = inner.Read(buffer);
            if (read == 0) return 0;
            var kept = WithoutNul(buffer[..read]);
            if (kept > 0) return kept;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken ct = default)
    {
        while (true)
        {
            var read = await inner.ReadAsync(buffer, ct);
            if (read == 0) return 0;
            var kept = WithoutNul(buffer.Span[..read]);
            if (kept > 0) return kept;
        }
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    // Moves the characters after each NUL down over it; returns how many are left.
    private static int WithoutNul(Span<char> chars)
    {
        var next = chars.IndexOf('\0');
        if (next < 0) return chars.Length;
        var kept = next;
        for (var i = next + 1; i < chars.Length; i++)
            if (chars[i] != '\0') chars[kept++] = chars[i];
        return kept;
    }
}
