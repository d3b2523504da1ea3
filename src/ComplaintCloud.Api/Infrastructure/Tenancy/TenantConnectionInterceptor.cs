using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// Tells PostgreSQL which tenant this connection acts for, so row-level security applies even to
/// queries that forget the EF filter. Session scoped: Npgsql's pool reset (DISCARD ALL) clears it
/// before the physical connection serves anyone else.
/// </summary>
public sealed class TenantConnectionInterceptor(ITenantContext tenant) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (tenant.TenantId is { } id) Command(connection, id).ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (tenant.TenantId is { } id) await Command(connection, id).ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(DbConnection connection, Guid tenantId) =>
        new("SELECT set_config('app.tenant_id', $1, false)", (NpgsqlConnection)connection)
        {
            Parameters = { new NpgsqlParameter { Value = tenantId.ToString() } },
        };
}
