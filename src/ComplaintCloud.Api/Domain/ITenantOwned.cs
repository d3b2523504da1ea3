namespace ComplaintCloud.Api.Domain;

/// <summary>
/// Marks an entity that belongs to one tenant. The model builder gives every such entity a
/// tenant query filter and a (tenant_id, id) key, and SaveChanges stamps the tenant on insert.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
