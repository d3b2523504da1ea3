using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Tenants;

public sealed record TenantView(Guid Id, string Slug, string Name, string TimeZone, string Locale, DateTimeOffset CreatedAt,
    [property: JsonIgnore] uint Version)
{
    public static TenantView From(Tenant t) => new(t.Id, t.Slug, t.Name, t.TimeZone, t.Locale, t.CreatedAt, t.Version);
}
