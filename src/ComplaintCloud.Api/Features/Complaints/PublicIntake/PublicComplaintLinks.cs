using Microsoft.AspNetCore.DataProtection;

namespace ComplaintCloud.Api.Features.Complaints.PublicIntake;

/// <summary>
/// The customer's follow-up link: a signed, expiring token naming the tenant and the complaint, so
/// the status page needs no sign-in and cannot be pointed at another complaint.
/// </summary>
public sealed class PublicComplaintLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("ComplaintCloud.PublicComplaintStatus.v1").ToTimeLimitedDataProtector();

    public string TokenFor(Guid tenantId, Guid complaintId) =>
        protector.Protect($"{tenantId:N}.{complaintId:N}", clock.GetUtcNow().Add(Lifetime));

    public (Guid TenantId, Guid ComplaintId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = protector.Unprotect(token, out var expires).Split('.');
            if (expires < clock.GetUtcNow()) return null;
            return parts.Length == 2 && Guid.TryParse(parts[0], out var tenant) && Guid.TryParse(parts[1], out var complaint)
                ? (tenant, complaint) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
