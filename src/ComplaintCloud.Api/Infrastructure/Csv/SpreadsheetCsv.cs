using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace ComplaintCloud.Api.Infrastructure.Csv;

/// <summary>
/// CSV files for people to open in a spreadsheet. Text that came from users (names, messages) is written with
/// <see cref="WriteText"/>: a cell starting with =, +, -, @, a tab or a carriage return would be read by Excel or LibreOffice
/// as a formula (OWASP "CSV injection"), so it gets a leading single quote and is shown as the text it is. Numbers the app
/// computed are written as numbers (a negative NPS stays -20, not text). The file is UTF-8 with a byte order mark, so Excel
/// does not read Chinese names as Latin-1.
/// </summary>
public static class SpreadsheetCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The text, with a leading ' when a spreadsheet would take it for a formula.</summary>
    public static string? Neutralise(string? text) => text is { Length: > 0 } && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>Writes user-supplied text as one cell, neutralised.</summary>
    public static void WriteText(this IWriterRow csv, string? text) => csv.WriteField(Neutralise(text));

    /// <summary>The bytes of the CSV that <paramref name="write"/> writes (invariant culture), UTF-8 with a byte order mark.</summary>
    public static async Task<byte[]> BuildAsync(Func<CsvWriter, Task> write)
    {
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true)) await write(csv);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
