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

    /// <summary>What intake needs of the workspace's settings, in one read.</summary>
    public static async Task<IntakeRules> IntakeRulesAsync(this AppDbContext db, CancellationToken ct) =>
        await db.CurrentTenant.Select(t => new IntakeRules(new ApprovalPolicy(t.ApprovalAmountThreshold), t.ResolutionTargetDays))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Tenant");
}

/// <summary>The workspace's approval rule and resolution target, as intake applies them.</summary>
public sealed record IntakeRules(ApprovalPolicy Approval, int ResolutionTargetDays)
{
    /// <summary>The due time of a complaint received at <paramref name="receivedAt"/>, unless one was given.</summary>
    public DateTimeOffset DueAt(DateTimeOffset receivedAt, DateTimeOffset? given = null) =>
        (given ?? receivedAt.AddDays(ResolutionTargetDays)).ToUniversalTime();
}
