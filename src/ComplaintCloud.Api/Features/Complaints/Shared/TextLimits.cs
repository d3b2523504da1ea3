namespace ComplaintCloud.Api.Features.Complaints.Shared;

public static class TextLimits
{
    /// <summary>Cuts text from outside sources (CSV, email) to a column's length instead of refusing it.</summary>
    public static string Truncate(this string value, int max) => value.Length <= max ? value : value[..max];
}
