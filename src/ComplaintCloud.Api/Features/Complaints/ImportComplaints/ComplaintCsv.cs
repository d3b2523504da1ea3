using System.Globalization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using CsvHelper;
using CsvHelper.Configuration;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

/// <summary>One data row of an import: its line in the file, and either a complaint to create or why not.</summary>
public sealed record CsvRow(int Line, CreateComplaintCommand? Complaint, string? Error);

/// <summary>
/// Reads complaint CSV files in two shapes, told apart by their header: our template (subject,
/// description, channel, severity, customer_name, …) and the US CFPB public complaint export
/// (Date received, Product, Issue, Consumer complaint narrative, Complaint ID, …). NUL characters are left out
/// of what it reads (<see cref="NulFreeReader"/>): a file has nobody to answer a refusal.
/// </summary>
public static class ComplaintCsv
{
    public static readonly string[] TemplateColumns =
    [
        "subject", "description", "channel", "severity", "customer_name", "customer_email", "customer_phone",
        "customer_external_id", "desired_outcome", "received_at", "external_ref", "product_ref",
        "customer_tier",
    ];

    /// <summary>Decodes an uploaded file as the API import always has: UTF-8 unless a byte order mark says otherwise.</summary>
    public static TextReader Open(Stream content) => new StreamReader(content, detectEncodingFromByteOrderMarks: true);

    /// <summary>Which of the two shapes a file has, from its header; a 400 when it is neither.</summary>
    public static ImportFileFormat DetectFormat(TextReader text)
    {
        using var csv = new CsvReader(new NulFreeReader(text), Configuration(_ => { }));
        return FormatOf(csv);
    }

    public static IEnumerable<CsvRow> Read(TextReader text)
    {
        int? badLine = null;
        using var csv = new CsvReader(new NulFreeReader(text), Configuration(args => badLine = args.Context.Parser?.RawRow));
        Func<CsvReader, CreateComplaintCommand> map = FormatOf(csv) == ImportFileFormat.Cfpb ? FromCfpb : FromTemplate;

        while (true)
        {
            bool more;
            try { more = csv.Read(); }
            catch (CsvHelperException e) { more = false; badLine ??= e.Context?.Parser?.RawRow; }
            if (!more) break;

            var line = csv.Parser.RawRow;
            if (badLine is not null)
            {
                yield return new CsvRow(badLine.Value, null, "The row is not well-formed CSV (check its quotes).");
                badLine = null;
                continue;
            }
            CsvRow row;
            try { row = new CsvRow(line, map(csv), null); }
            catch (Exception e) when (e is FormatException or CsvHelperException or ArgumentException)
            {
                row = new CsvRow(line, null, e.Message);
            }
            yield return row;
        }
    }

    private static CsvConfiguration Configuration(BadDataFound onBadData) => new(CultureInfo.InvariantCulture)
    {
        MissingFieldFound = null,
        HeaderValidated = null,
        BadDataFound = onBadData,
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        DetectDelimiter = true,
    };

    private static ImportFileFormat FormatOf(CsvReader csv)
    {
        if (!csv.Read() || !csv.ReadHeader())
            throw new Infrastructure.Errors.BadRequestException("The file is empty: a header row is needed.");
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        return header.Contains("complaint id") && header.Contains("date received") ? ImportFileFormat.Cfpb
            : header.Contains("subject") && header.Contains("description") ? ImportFileFormat.Template
            : throw new Infrastructure.Errors.BadRequestException(
                $"Unrecognised columns. Use the template columns ({string.Join(", ", TemplateColumns)}) or a CFPB complaint export.");
    }

    private static CreateComplaintCommand FromTemplate(CsvReader csv)
    {
        string? Field(string name) => csv.TryGetField(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return new CreateComplaintCommand(
            Field("subject") ?? "", Field("description") ?? "",
            ParseEnum<ComplaintChannel>(Field("channel") ?? "web", "channel"),
            ParseEnum<ComplaintSeverity>(Field("severity") ?? "general", "severity"),
            new CustomerInput(Field("customer_name") ?? "", Field("customer_email"), Field("customer_phone"), Field("customer_external_id")),
            Field("desired_outcome"),
            Field("received_at") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
            Field("external_ref"), Field("product_ref"), CustomerTier: Field("customer_tier"));
    }

    /// <summary>The CFPB export: see README "CSV import" for how its columns map.</summary>
    public static CreateComplaintCommand FromCfpb(CsvReader csv)
    {
        string Field(string name) => csv.TryGetField(name, out string? value) ? value?.Trim() ?? "" : "";
        var issue = Field("issue");
        var subIssue = Field("sub-issue");
        var product = Field("product");
        var subProduct = Field("sub-product");
        var narrative = Field("consumer complaint narrative");
        var place = string.Join(" ", new[] { Field("state"), Field("zip code") }.Where(p => p.Length > 0));
        var received = DateTime.ParseExact(Field("date received"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CreateComplaintCommand(
            (subIssue.Length > 0 ? $"{issue}: {subIssue}" : issue).Truncate(ComplaintLimits.Subject),
            (narrative.Length > 0 ? narrative
                : $"Product: {product}; {subProduct}. Issue: {issue}; {subIssue}. Company: {Field("company")}.").Truncate(ComplaintLimits.Description),
            ChannelOf(Field("submitted via")),
            SeverityOf(Field("tags"), Field("company response to consumer")),
            new CustomerInput(place.Length > 0 ? $"CFPB consumer ({place})" : "CFPB consumer", null, null, null),
            null,
            new DateTimeOffset(received.AddHours(12), TimeSpan.Zero),
            $"CFPB-{Field("complaint id")}",
            (subProduct.Length > 0 ? $"{product} / {subProduct}" : product).Truncate(ComplaintLimits.ProductRef));
    }

    public static ComplaintChannel ChannelOf(string submittedVia) => submittedVia switch
    {
        "Phone" => ComplaintChannel.Phone,
        "Email" => ComplaintChannel.Email,
        "Postal mail" or "Fax" => ComplaintChannel.Letter,
        "Referral" => ComplaintChannel.Referral,
        _ => ComplaintChannel.Web,
    };

    /// <summary>Servicemembers and older Americans, and cases that ended in monetary relief, count as serious.</summary>
    public static ComplaintSeverity SeverityOf(string tags, string companyResponse) =>
        tags.Contains("Servicemember") || tags.Contains("Older American") || companyResponse.Contains("monetary relief")
            ? ComplaintSeverity.Serious : ComplaintSeverity.General;

    // The same vocabulary as the JSON API (in_person, compensation_demand), case-insensitively.
    private static TEnum ParseEnum<TEnum>(string value, string field) where TEnum : struct, Enum =>
        WireEnum<TEnum>.TryParse(value.Trim().ToLowerInvariant(), out var parsed)
            ? parsed
            : throw new FormatException($"Unknown {field} '{value.Truncate(40)}'.");
}
