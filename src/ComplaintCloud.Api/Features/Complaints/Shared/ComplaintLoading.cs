using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

public static class ComplaintLoading
{
    /// <summary>Loads a complaint of the current tenant for change; another tenant's id is simply not found.</summary>
    public static async Task<Complaint> GetAsync(this DbSet<Complaint> complaints, Guid id, CancellationToken ct) =>
        await complaints.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Complaint");

    /// <summary>For reads of a complaint's parts (events, messages, files): 404 unless the complaint is the current tenant's.</summary>
    public static async Task EnsureExistsAsync(this DbSet<Complaint> complaints, Guid id, CancellationToken ct)
    {
        if (!await complaints.AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("Complaint");
    }

    /// <summary>The tenant's approval rule (DESIGN §2: amount threshold, and critical severity always).</summary>
    public static async Task<ApprovalPolicy> ApprovalPolicyAsync(this AppDbContext db, CancellationToken ct) =>
        new(await db.CurrentTenant.Select(t => t.ApprovalAmountThreshold).SingleOrDefaultAsync(ct));
}
