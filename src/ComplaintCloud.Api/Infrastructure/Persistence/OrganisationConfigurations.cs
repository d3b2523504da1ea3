using ComplaintCloud.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.HasKey(d => new { d.TenantId, d.Id });
        e.Property(d => d.Name).HasMaxLength(100);
        e.Property(d => d.Description).HasMaxLength(500);
        e.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        e.HasMany(d => d.Members).WithOne().HasForeignKey(m => new { m.TenantId, m.DepartmentId }).OnDelete(DeleteBehavior.Cascade);
        e.MapToXmin(d => d.Version);
    }
}

internal sealed class DepartmentMemberConfiguration : IEntityTypeConfiguration<DepartmentMember>
{
    public void Configure(EntityTypeBuilder<DepartmentMember> e)
    {
        e.HasKey(m => new { m.TenantId, m.DepartmentId, m.UserId });
        // "Which departments am I in" is asked on every agent action.
        e.HasIndex(m => new { m.TenantId, m.UserId });
        e.HasOne<TenantMember>().WithMany().HasForeignKey(m => new { m.TenantId, m.UserId })
            .HasPrincipalKey(t => new { t.TenantId, t.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.HasKey(c => new { c.TenantId, c.Id });
        e.Property(c => c.Name).HasMaxLength(100);
        // Siblings have distinct names; top-level categories (no parent) are siblings of each other too.
        e.HasIndex(c => new { c.TenantId, c.ParentId, c.Name }).IsUnique().AreNullsDistinct(false);
        e.HasOne<Category>().WithMany().HasForeignKey(c => new { c.TenantId, c.ParentId }).OnDelete(DeleteBehavior.Restrict);
        e.MapToXmin(c => c.Version);
    }
}
