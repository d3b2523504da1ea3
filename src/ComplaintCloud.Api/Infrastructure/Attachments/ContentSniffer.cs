using System.Text;
using System.Text.Unicode;

namespace ComplaintCloud.Api.Infrastructure.Attachments;

/// <summary>
/// Decides a file's type from its first bytes (magic numbers), ignoring its name and declared type.
/// Hand-written: the allowed set is small and fixed, and the only sniffing package on our registry
/// (Mime-Detective) is an unmaintained 2017 beta. Plain text is accepted when the start is valid UTF-8
/// without control bytes other than tab/CR/LF/FF.
/// </summary>
public static class ContentSniffer
{
    public const int HeaderBytes = 8192;

    public static readonly IReadOnlyList<string> Allowed =
        ["image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf", "text/plain"];

    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    /// <summary>
    /// The file extension a stored file gets for its sniffed type: whatever later reads the store (a backup, a web
    /// server, an operator's file manager) sees the type the bytes are, never the name the uploader chose.
    /// </summary>
    public static string ExtensionFor(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg", "image/png" => ".png", "image/gif" => ".gif", "image/webp" => ".webp", "image/heic" => ".heic",
        "application/pdf" => ".pdf", "text/plain" => ".txt",
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a type the sniffer allows."),
    };

    /// <summary>The content type, or null when the bytes are none of the allowed kinds.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(Encoding.ASCII.GetString(head[8..12]))) return "image/heic";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        return IsText(head, complete) ? "text/plain" : null;
    }

    private static bool IsText(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.IsEmpty) return false;
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) return false;
        // A multi-byte character may be cut at the end of a sample: only a complete file must end cleanly.
        for (var cut = 0; cut <= (complete ? 0 : Math.Min(3, head.Length - 1)); cut++)
            if (Utf8.IsValid(head[..^cut])) return true;
        return false;
    }
}
