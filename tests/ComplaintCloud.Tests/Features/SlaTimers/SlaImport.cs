using System.Net.Http.Headers;
using System.Text;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>CSV import of history, for the SLA tests: a complaint received long ago, whose thresholds all passed before it was recorded.</summary>
internal static class SlaImport
{
    public const string OldComplaintCsv = """
        subject,description,channel,severity,customer_name,customer_email,received_at,external_ref
        Late delivery,The parcel came two weeks late,web,general,Ann Lee,ann@example.test,2026-01-05T10:00:00Z,HIST-1
        """;

    public static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "history.csv");
        return await client.PostAsync("/api/v1/complaints/import", content, TestContext.Current.CancellationToken);
    }
}
