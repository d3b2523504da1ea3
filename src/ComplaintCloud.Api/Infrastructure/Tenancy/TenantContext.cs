namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// The tenant the current unit of work acts for (one per request or background job).
/// Shaped after Finbuckle's IMultiTenantContextAccessor so swapping it in stays mechanical.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
    Guid RequiredTenantId { get; }
    /// <summary>Sets the tenant before any database connection of this scope is opened.</summary>
    void Set(Guid tenantId);
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public Guid RequiredTenantId =>
        TenantId ?? throw new InvalidOperationException("No tenant has been resolved for this unit of work.");

    public void Set(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
            throw new InvalidOperationException("The tenant of a unit of work cannot change once set.");
        TenantId = tenantId;
    }
}
