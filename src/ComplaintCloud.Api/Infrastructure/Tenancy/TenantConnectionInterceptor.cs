using System.Data.Common;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// Tells PostgreSQL which tenant this connection acts for, so row-level security applies even to
/// queries that forget the EF filter. <c>CALL app_use_tenant(id)</c> rides in front of the first
/// query after each open, in the same round trip (a separate call cost a round trip per request);
/// the id is a parameter, so the statement's text is the same for every tenant and is prepared once
/// per connection. The setting is session scoped: Npgsql's pool reset clears it before the physical
/// connection serves anyone else. A rolled-back transaction also undoes a setting made inside it,
/// so a rollback re-arms it.
/// </summary>
public sealed class TenantConnectionInterceptor : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Forget(eventData.Context);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(DbContext? context)
    {
        if (context is AppDbContext db) db.TenantSentToDatabase = null;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        await ApplyAsync(command, eventData, ct);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Apply(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        await ApplyAsync(command, eventData, ct);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Apply(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        await ApplyAsync(command, eventData, ct);
        return result;
    }

    private void Apply(DbCommand command, CommandEventData eventData)
    {
        if (TakePending(eventData.Context) is not { } id) return;
        if (CanCarry(eventData)) { Prefix(command, id); return; }
        using var set = SetCommand(command, id);
        set.ExecuteNonQuery();
    }

    private async ValueTask ApplyAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        if (TakePending(eventData.Context) is not { } id) return;
        if (CanCarry(eventData)) { Prefix(command, id); return; }
        await using var set = SetCommand(command, id);
        await set.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The tenant to send in front of the next command on this context's connection, if it is not there yet.</summary>
    internal static Guid? TakePending(DbContext? context)
    {
        if (context is not AppDbContext db || db.CurrentTenantId is not { } id || db.TenantSentToDatabase == id) return null;
        db.TenantSentToDatabase = id;
        return id;
    }

    // Queries (LINQ and raw SQL) read only their own result sets, so a CALL (which returns none) can ride in front.
    // SaveChanges, ExecuteSql and bulk updates count affected rows per statement and must not see an extra one.
    private static bool CanCarry(CommandEventData eventData) => eventData.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery;

    private const string TenantParameter = "app_tenant_id";
    private const string UseTenant = $"CALL app_use_tenant(@{TenantParameter})";

    /// <summary>The same statement with a positional parameter (batches); PostgreSQL sees the same text either way.</summary>
    internal const string UseTenantPositional = "CALL app_use_tenant($1)";

    private static void Prefix(DbCommand command, Guid id)
    {
        command.CommandText = $"{UseTenant};\n{command.CommandText}";
        command.Parameters.Add(TenantParameterFor(command, id));
    }

    private static DbCommand SetCommand(DbCommand command, Guid id)
    {
        var set = command.Connection!.CreateCommand();
        set.Transaction = command.Transaction;
        set.CommandText = UseTenant;
        set.Parameters.Add(TenantParameterFor(set, id));
        return set;
    }

    private static DbParameter TenantParameterFor(DbCommand command, Guid id)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = TenantParameter;
        parameter.Value = id;
        return parameter;
    }
}
