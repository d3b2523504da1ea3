namespace ComplaintCloud.Api.Domain;

/// <summary>The last complaint number handed out per tenant and year (C-{year}-{number:000000}).</summary>
public sealed class ComplaintNumberCounter : ITenantOwned
{
    public Guid TenantId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }
}
