using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> e)
    {
        e.HasKey(j => new { j.TenantId, j.Id });
        e.Property(j => j.FileName).HasMaxLength(255);
        e.Property(j => j.FailureReason).HasMaxLength(2000);
        e.Property(j => j.CreatedByKind).HasMaxLength(20);
        e.Property(j => j.CreatedByName).HasMaxLength(200);
        e.HasIndex(j => new { j.TenantId, j.CreatedAt, j.Id });
        // The worker's question "which job is next" reads only unfinished jobs.
        e.HasIndex(j => j.CreatedAt).HasDatabaseName("ix_import_jobs_unfinished").HasFilter("status IN ('Queued', 'Running')");
    }
}

internal sealed class ImportJobErrorConfiguration : IEntityTypeConfiguration<ImportJobError>
{
    public void Configure(EntityTypeBuilder<ImportJobError> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.Message).HasMaxLength(4000);
        e.HasIndex(x => new { x.TenantId, x.JobId, x.Line, x.Id });
        e.HasOne<ImportJob>().WithMany().HasForeignKey(x => new { x.TenantId, x.JobId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobFileConfiguration : IEntityTypeConfiguration<ImportJobFile>
{
    public void Configure(EntityTypeBuilder<ImportJobFile> e)
    {
        e.ToTable("import_job_files");
        e.HasKey(f => new { f.TenantId, f.JobId });
        e.HasOne<ImportJob>().WithMany().HasForeignKey(f => new { f.TenantId, f.JobId }).OnDelete(DeleteBehavior.Cascade);
    }
}
