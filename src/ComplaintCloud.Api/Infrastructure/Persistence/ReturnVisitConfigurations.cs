using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>A list of return-visit channels as a text[] of their names (email_link first when both).</summary>
internal static class ChannelListColumn
{
    public static PropertyBuilder<List<ReturnVisitChannel>> AsChannelArray(this PropertyBuilder<List<ReturnVisitChannel>> property) =>
        property.HasColumnType("text[]").HasConversion(
            v => v.Select(c => c.ToString()).ToArray(),
            v => v.Select(Enum.Parse<ReturnVisitChannel>).ToList(),
            new ValueComparer<List<ReturnVisitChannel>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => h * 31 + (int)c), v => v.ToList()));
}

internal sealed class SurveyTemplateConfiguration : IEntityTypeConfiguration<SurveyTemplate>
{
    public void Configure(EntityTypeBuilder<SurveyTemplate> e)
    {
        e.ToTable("survey_templates");
        e.HasKey(t => new { t.TenantId, t.Id });
        e.Property(t => t.Name).HasMaxLength(100);
        e.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
        // One default per workspace.
        e.HasIndex(t => t.TenantId).IsUnique().HasFilter("is_default").HasDatabaseName("ix_survey_templates_one_default");
        e.MapToXmin(t => t.Version);
    }
}

internal sealed class SurveyTemplateVersionConfiguration : IEntityTypeConfiguration<SurveyTemplateVersion>
{
    public void Configure(EntityTypeBuilder<SurveyTemplateVersion> e)
    {
        e.ToTable("survey_template_versions");
        e.HasKey(v => new { v.TenantId, v.Id });
        e.Property(v => v.Questions).AsJsonb();
        e.HasIndex(v => new { v.TenantId, v.TemplateId, v.Number }).IsUnique();
        e.HasOne<SurveyTemplate>().WithMany().HasForeignKey(v => new { v.TenantId, v.TemplateId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> e)
    {
        e.ToTable("return_visits");
        e.HasKey(v => new { v.TenantId, v.Id });
        e.Property(v => v.Channels).AsChannelArray();
        e.Property(v => v.Language).HasMaxLength(10);
        e.Property(v => v.EndReason).HasMaxLength(500);
        // Exactly one visit per resolution, whichever instance or retry schedules it.
        e.HasIndex(v => new { v.TenantId, v.ResolvedEventId }).IsUnique();
        e.HasIndex(v => new { v.TenantId, v.ComplaintId });
        // The scheduler's questions: which tenants have a visit due, and which visits are due in this one.
        e.HasIndex(v => new { v.TenantId, v.DueAt }).HasFilter("due_at IS NOT NULL").HasDatabaseName("ix_return_visits_due");
        // The phone queue: open phone visits by when they are next due.
        e.HasIndex(v => new { v.TenantId, v.PhoneDueAt }).HasFilter("phone_due_at IS NOT NULL AND status IN ('Scheduled', 'Sent')")
            .HasDatabaseName("ix_return_visits_phone_queue");
        e.HasIndex(v => new { v.TenantId, v.ResolvedAt });
        e.HasOne<Complaint>().WithMany().HasForeignKey(v => new { v.TenantId, v.ComplaintId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SurveyTemplateVersion>().WithMany().HasForeignKey(v => new { v.TenantId, v.TemplateVersionId }).OnDelete(DeleteBehavior.Restrict);
        e.MapToXmin(v => v.Version);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> e)
    {
        e.ToTable("survey_responses");
        e.HasKey(r => new { r.TenantId, r.Id });
        e.Property(r => r.Answers).AsJsonb();
        e.Property(r => r.RecordedByKind).HasMaxLength(20);
        e.Property(r => r.RecordedByName).HasMaxLength(200);
        e.Property(r => r.Notes).HasMaxLength(2000);
        // One response per visit: a second submission (two tabs, a replayed POST) cannot add another.
        e.HasIndex(r => new { r.TenantId, r.VisitId }).IsUnique();
        e.HasIndex(r => new { r.TenantId, r.ComplaintId });
        e.HasOne<ReturnVisit>().WithMany().HasForeignKey(r => new { r.TenantId, r.VisitId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SurveyTemplateVersion>().WithMany().HasForeignKey(r => new { r.TenantId, r.TemplateVersionId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PhoneVisitAttemptConfiguration : IEntityTypeConfiguration<PhoneVisitAttempt>
{
    public void Configure(EntityTypeBuilder<PhoneVisitAttempt> e)
    {
        e.ToTable("phone_visit_attempts");
        e.HasKey(a => new { a.TenantId, a.Id });
        e.Property(a => a.Notes).HasMaxLength(2000);
        e.Property(a => a.AgentName).HasMaxLength(200);
        e.HasIndex(a => new { a.TenantId, a.VisitId });
        e.HasOne<ReturnVisit>().WithMany().HasForeignKey(a => new { a.TenantId, a.VisitId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyOptOutConfiguration : IEntityTypeConfiguration<SurveyOptOut>
{
    public void Configure(EntityTypeBuilder<SurveyOptOut> e)
    {
        e.ToTable("survey_opt_outs");
        e.HasKey(o => new { o.TenantId, o.Id });
        e.Property(o => o.Address).HasMaxLength(320);
        e.HasIndex(o => new { o.TenantId, o.Address }).IsUnique();
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> e)
    {
        e.ToTable("follow_ups");
        e.HasKey(f => new { f.TenantId, f.Id });
        e.Property(f => f.Reason).HasMaxLength(2000);
        e.Property(f => f.Note).HasMaxLength(2000);
        e.Property(f => f.DoneByName).HasMaxLength(200);
        e.HasIndex(f => new { f.TenantId, f.ComplaintId });
        e.HasIndex(f => new { f.TenantId, f.DepartmentId }).HasFilter("status = 'Open'").HasDatabaseName("ix_follow_ups_open");
        e.HasOne<Complaint>().WithMany().HasForeignKey(f => new { f.TenantId, f.ComplaintId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ReturnVisit>().WithMany().HasForeignKey(f => new { f.TenantId, f.VisitId }).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        e.MapToXmin(f => f.Version);
    }
}

internal sealed class ReturnVisitSettingsConfiguration : IEntityTypeConfiguration<ReturnVisitSettings>
{
    public void Configure(EntityTypeBuilder<ReturnVisitSettings> e)
    {
        e.ToTable("return_visit_settings");
        e.HasKey(s => new { s.TenantId, s.Id });
        e.Property(s => s.Channels).AsChannelArray();
        e.HasIndex(s => s.TenantId).IsUnique();
        e.MapToXmin(s => s.Version);
    }
}
