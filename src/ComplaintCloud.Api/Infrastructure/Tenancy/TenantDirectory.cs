using ComplaintCloud.Api.Domain;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>A tenant a user belongs to, as seen before any tenant is chosen (at sign-in), with the name that tenant knows them by.</summary>
public sealed record Membership(Guid TenantId, string Slug, string TenantName, string Locale, TenantRole Role, bool Disabled, string DisplayName);

/// <summary>
/// The few questions that must be answered across tenants, before a tenant is known: which tenant
/// has this slug, which tenants is this user a member of, which tenant sent this invitation link. Each
/// is a SECURITY DEFINER function in the database returning only what the question needs; nothing
/// else reads across tenants.
/// </summary>
public sealed class TenantDirectory(NpgsqlDataSource dataSource)
{
    public async Task<Guid?> FindIdBySlugAsync(string slug, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT auth_tenant_id_by_slug($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await command.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    public async Task<IReadOnlyList<Membership>> MembershipsOfAsync(Guid userId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, slug, name, locale, role, disabled, display_name FROM auth_user_memberships($1) ORDER BY name, tenant_id");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<Membership>();
        while (await reader.ReadAsync(ct))
            result.Add(new Membership(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<TenantRole>(reader.GetString(4)), reader.GetBoolean(5), reader.GetString(6)));
        return result;
    }

    /// <summary>The tenant of the pending invitation whose link token hashes to <paramref name="tokenHash"/>, if any.</summary>
    public async Task<Guid?> FindInvitationTenantAsync(byte[] tokenHash, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT auth_invitation_tenant($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = tokenHash });
        return await command.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }
}
