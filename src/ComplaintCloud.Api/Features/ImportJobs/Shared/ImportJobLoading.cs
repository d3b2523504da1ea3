using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.Shared;

public static class ImportJobLoading
{
    /// <summary>The tenant's job by id; another tenant's job is "not found", exactly like a missing one.</summary>
    public static async Task<ImportJob> GetAsync(this IQueryable<ImportJob> jobs, Guid id, CancellationToken ct) =>
        await jobs.SingleOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException("Import job");
}
