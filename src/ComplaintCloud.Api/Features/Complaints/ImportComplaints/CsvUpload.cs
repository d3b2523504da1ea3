using ComplaintCloud.Api.Infrastructure.Errors;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

/// <summary>The CSV file of an import request (API import and import jobs share the field name, the limit and the errors).</summary>
public static class CsvUpload
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public const string FieldDescription = "The CSV, up to 20 MB: our template (subject, description, channel, severity, customer_name, " +
                                           "customer_email, customer_phone, customer_external_id, desired_outcome, received_at, external_ref, " +
                                           "product_ref) or a CFPB complaint export.";

    /// <summary>
    /// The multipart field 'file'. The form is read by hand: declaring an IFormFile parameter makes routing answer
    /// 415 to a wrong content type before authentication has run, and every API endpoint must refuse strangers first.
    /// </summary>
    public static async Task<IFormFile> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) throw new BadRequestException("Send multipart/form-data with the CSV in a field named 'file'.");
        var file = (await request.ReadFormAsync(ct)).Files["file"] ?? throw new BadRequestException("Send the CSV in a multipart field named 'file'.");
        if (file.Length == 0) throw new BadRequestException("The file is empty.");
        return file;
    }

    public static async Task<byte[]> BytesOfAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
