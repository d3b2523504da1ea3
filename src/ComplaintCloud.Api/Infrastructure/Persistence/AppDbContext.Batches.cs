using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    /// <summary>
    /// Runs an Npgsql batch on the unit of work's connection and transaction, with the tenant sent in front as for any
    /// EF command. For the few hot statements where EF's raw-SQL pipeline or its change tracker cost more than the
    /// statement itself (intake: bench/README.md); everything else goes through EF. A database error comes out as
    /// the DbUpdateException SaveChanges raises, so a unique violation is the same 409 whichever way a row went in.
    /// </summary>
    public async Task<T> RunBatchAsync<T>(Func<NpgsqlBatch, CancellationToken, Task<T>> run, CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)Database.GetDbConnection(),
                (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction());
            if (TenantConnectionInterceptor.TakePending(this) is { } tenantId)
                batch.BatchCommands.Add(new NpgsqlBatchCommand(TenantConnectionInterceptor.UseTenantPositional) { Parameters = { new() { Value = tenantId } } });
            return await run(batch, ct);
        }
        catch (PostgresException e)
        {
            throw new DbUpdateException("A database statement failed.", e);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>Moves the reader onto the next result set that has columns (the tenant's CALL, and inserts without RETURNING, have none).</summary>
    public static async Task<bool> NextRowsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        while (reader.FieldCount == 0)
            if (!await reader.NextResultAsync(ct)) return false;
        return true;
    }

    /// <summary>
    /// Inserts new rows in one round trip, in the given order, without the change tracker; each complaint brings
    /// its new timeline events, and every row is stamped with the unit of work's tenant, as SaveChanges does. What
    /// the database generates (row version, identity) is read back into the row. The rows are not tracked afterwards.
    /// </summary>
    /// <remarks>
    /// For intake, where SaveChanges' bookkeeping for three new rows cost more CPU than the rest of a create
    /// (0.35 ms a create, bench/README.md). The SQL comes from this context's EF model: one mapping for both ways in.
    /// </remarks>
    public async Task InsertNewAsync(IReadOnlyList<object> rows, CancellationToken ct)
    {
        // Subscribers see intake's events as SaveChanges'; what they add (a timer) goes in the same round trip.
        var (collected, added) = await DispatchCollectingAsync(rows.OfType<Complaint>().ToList(), ct);
        await InsertAsync([.. rows, .. collected, .. added.Select(e => e.Entity)], ct);
        foreach (var entry in added) entry.State = EntityState.Detached; // not tracked afterwards, like the rest
    }

    // Set while InsertNewAsync's subscribers run: the rows they add through AddNew, written with the intake's rows.
    private List<object>? newRowsOfInsert;

    /// <summary>
    /// A new row a subscriber adds: written by the intake round trip that raised the event when there is one, without
    /// the change tracker (tracking one timer was about 7 % of a create's app CPU in a profile), otherwise added to
    /// the change tracker and saved as usual. Either way it is not tracked once written.
    /// </summary>
    public void AddNew(object row)
    {
        if (newRowsOfInsert is { } rows) rows.Add(row);
        else Add(row);
    }

    private async Task<(List<object> Collected, List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> Added)> DispatchCollectingAsync(
        IReadOnlyList<Complaint> complaints, CancellationToken ct)
    {
        var collected = newRowsOfInsert = [];
        try
        {
            await DispatchEventsAsync(complaints, ct);
        }
        finally
        {
            newRowsOfInsert = null;
        }
        return (collected, TakeAdded());
    }

    /// <summary>
    /// Inserts new rows as <see cref="InsertNewAsync(IReadOnlyList{object}, CancellationToken)"/> does, the rows of
    /// <paramref name="framed"/> by the round trip's last statement and the rest (a complaint's events among them) before
    /// it: their references to the complaint are DEFERRABLE INITIALLY DEFERRED (migration DeferredComplaintReferences), checked
    /// at commit. Outside a transaction the round trip is the whole unit of work: PostgreSQL runs the batch as one implicit
    /// transaction and commits it at its end, so a connection lost on the way leaves the outcome unknown
    /// (<see cref="CommitOutcomeUnknownException"/>). Returns the value of <see cref="FramedInsert.Returning"/>.
    /// </summary>
    public async Task<string> InsertNewAsync(IReadOnlyList<object> rows, FramedInsert framed, CancellationToken ct)
    {
        var (collected, added) = await DispatchCollectingAsync([.. rows.Concat(framed.Rows.Select(r => r.Row)).OfType<Complaint>()], ct);
        string? returned = null;
        try
        {
            var insert = new PreparedInsert(this,
                [.. framed.Rows.Select(r => r.Row).OfType<Complaint>().SelectMany(EventsOf), .. rows, .. collected, .. added.Select(e => e.Entity)],
                framed, value => returned = value);
            // A unit of work of its own goes with the tenant's other creates in flight (GroupCommit); inside a
            // transaction the write is that transaction's.
            if (Database.CurrentTransaction is null && services?.GetService<GroupCommit>() is { } groups)
                await groups.WriteAsync(tenant.RequiredTenantId, insert, ct);
            else await WriteAsync([insert], ct);
        }
        catch (Exception e) when (Database.CurrentTransaction is null && TransientDatabaseFailures.Is(e))
        {
            throw new CommitOutcomeUnknownException(e);
        }
        foreach (var entry in added) entry.State = EntityState.Detached;
        return returned ?? throw new InvalidOperationException("The framed statement returned nothing.");

        static List<ComplaintEvent> EventsOf(Complaint complaint)
        {
            var events = complaint.NewEvents.ToList();
            complaint.NewEvents.Clear();
            return events;
        }
    }

    /// <summary>
    /// The statement <see cref="InsertNewAsync(IReadOnlyList{object}, FramedInsert, CancellationToken)"/> ends with:
    /// <see cref="Head"/> (a WITH clause whose parameters are <see cref="HeadValues"/>, $1 on), then the first of
    /// <see cref="Rows"/> as the statement's INSERT and the others as further WITH entries. A row's listed columns take
    /// the SQL given for them instead of its value; the first row returns <see cref="Returning"/> as well.
    /// </summary>
    public sealed record FramedInsert(string Head, IReadOnlyList<object> HeadValues, IReadOnlyList<ComputedRow> Rows, string Returning);

    /// <summary>A new row, some of whose columns (by column name) are SQL over the statement's WITH clause.</summary>
    public sealed record ComputedRow(object Row, IReadOnlyDictionary<string, string> Computed);

    private List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> TakeAdded()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false; // Added is known without a scan for changes
        var added = ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        ChangeTracker.AutoDetectChangesEnabled = detect;
        return added;
    }

    private Task InsertAsync(IReadOnlyList<object> rows, CancellationToken ct) => WriteAsync([new PreparedInsert(this, rows, null, null)], ct);

    /// <summary>
    /// Writes the inserts of one or more units of work of this context's tenant in one round trip: every plain insert
    /// first, then the framed statements (the rows before them refer to their complaints through DEFERRED keys), so a
    /// group holds the number counter's lock only over its framed statements and the commit.
    /// </summary>
    private Task WriteAsync(IReadOnlyList<PreparedInsert> group, CancellationToken ct) => RunBatchAsync(async (batch, token) =>
    {
        foreach (var insert in group) insert.AddRows(batch);
        foreach (var insert in group) insert.AddFramed(batch);
        await using var reader = await batch.ExecuteReaderAsync(token);
        // Result sets come only from inserts that return values, in the order of the batch.
        foreach (var insert in group) await insert.ReadRowsAsync(reader, token);
        foreach (var insert in group) await insert.ReadFramedAsync(reader, token);
        return true;
    }, ct);

    /// <summary>One unit of work's new rows, stamped and planned, ready to go into a round trip alone or with others (<see cref="GroupCommit"/>).</summary>
    private sealed class PreparedInsert : GroupCommit.Member
    {
        private readonly AppDbContext db;
        private readonly List<(object Row, InsertPlan Plan)> rows = [];
        private readonly FramedInsert? framed;
        private readonly Action<string>? returned;
        private InsertPlan? framedPlan;

        public PreparedInsert(AppDbContext db, IReadOnlyList<object> rows, FramedInsert? framed, Action<string>? returned)
        {
            this.db = db;
            this.framed = framed;
            this.returned = returned;
            foreach (var row in WithNewEvents(rows))
            {
                if (row is ITenantOwned owned) db.Stamp(owned);
                StampSearchTokens(row);
                this.rows.Add((row, InsertPlan.For(db, row)));
            }
            foreach (var computed in framed?.Rows ?? [])
            {
                if (computed.Row is ITenantOwned owned) db.Stamp(owned);
                StampSearchTokens(computed.Row);
            }
        }

        protected internal override Task WriteGroupAsync(IReadOnlyList<GroupCommit.Member> group, CancellationToken ct) =>
            db.WriteAsync(group.Cast<PreparedInsert>().ToList(), ct);

        public void AddRows(NpgsqlBatch batch)
        {
            foreach (var (row, plan) in rows) batch.BatchCommands.Add(plan.Command(row));
        }

        public void AddFramed(NpgsqlBatch batch)
        {
            if (framed is null) return;
            var command = new NpgsqlBatchCommand();
            foreach (var value in framed.HeadValues) command.Parameters.Add(new NpgsqlParameter { Value = value });
            var text = new StringBuilder(framed.Head);
            // The other rows first, as WITH entries (each runs once, read or not); then the first row's INSERT.
            foreach (var computed in framed.Rows.Skip(1).Append(framed.Rows[0]))
            {
                var plan = InsertPlan.For(db, computed.Row);
                var first = ReferenceEquals(computed, framed.Rows[0]);
                var insert = plan.Sql(command.Parameters.Count + 1, computed.Computed, first ? framed.Returning : null);
                plan.AddParameters(command.Parameters, computed.Row, computed.Computed);
                if (first) { text.Append('\n').Append(insert); framedPlan = plan; }
                else text.Append(",\n").Append('w').Append(command.Parameters.Count).Append(" AS (").Append(insert).Append(')');
            }
            command.CommandText = text.ToString();
            batch.BatchCommands.Add(command);
        }

        public async Task ReadRowsAsync(NpgsqlDataReader reader, CancellationToken ct)
        {
            foreach (var (row, plan) in rows.Where(w => w.Plan.Returns))
            {
                if (!await NextRowsAsync(reader, ct) || !await reader.ReadAsync(ct))
                    throw new InvalidOperationException($"The insert of a {row.GetType().Name} returned no row.");
                plan.ReadGenerated(reader, row);
                await reader.NextResultAsync(ct);
            }
        }

        public async Task ReadFramedAsync(NpgsqlDataReader reader, CancellationToken ct)
        {
            if (framedPlan is null) return;
            if (!await NextRowsAsync(reader, ct) || !await reader.ReadAsync(ct))
                throw new InvalidOperationException("The framed statement returned no row.");
            framedPlan.ReadGenerated(reader, framed!.Rows[0].Row);
            returned!(reader.GetString(reader.FieldCount - 1));
            await reader.NextResultAsync(ct);
        }
    }

    private static IEnumerable<object> WithNewEvents(IReadOnlyList<object> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
            if (row is not Complaint complaint) continue;
            foreach (var change in complaint.NewEvents) yield return change;
            complaint.NewEvents.Clear();
        }
    }

    /// <summary>
    /// One INSERT … RETURNING per entity type and set of columns sent, built from the EF model once and kept. A column
    /// the database fills by default (identity, a default expression) is sent only when the row has a value for it,
    /// as SaveChanges does; computed columns and the row version are never sent and are read back when mapped to the entity.
    /// </summary>
    private sealed class InsertPlan
    {
        private static readonly ConcurrentDictionary<(IEntityType, ulong), InsertPlan> Plans = new();
        private static readonly ConcurrentDictionary<Type, (IEntityType Entity, IProperty[] Optional)> Shapes = new();
        private static readonly NpgsqlCommand ParameterFactory = new();

        private readonly IProperty[] sent;
        private readonly string[] sentColumns;
        private readonly (IProperty Property, PropertyInfo Clr)[] generated;
        private readonly string sql, tableName, returning;
        private readonly ISqlGenerationHelper sqlHelper;

        public bool Returns => generated.Length > 0;

        private InsertPlan(IEntityType entity, IProperty[] optional, ulong defaultsSent, ISqlGenerationHelper sqlHelper)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
            sent = columns.Where(p => p.ValueGenerated == ValueGenerated.Never
                                      || (Array.IndexOf(optional, p) is >= 0 and var i && (defaultsSent & (1UL << i)) != 0)).ToArray();
            // A shadow column (a discriminator, a foreign key without a property) has no value on the row to send.
            if (sent.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new NotSupportedException($"{entity.DisplayName()}.{shadow.Name} is a shadow property: add it with SaveChanges.");
            generated = columns.Except(sent).Where(p => p.PropertyInfo is { CanWrite: true })
                .Select(p => (p, p.PropertyInfo!)).ToArray();

            this.sqlHelper = sqlHelper;
            tableName = sqlHelper.DelimitIdentifier(table.Name, table.Schema);
            sentColumns = sent.Select(p => p.GetColumnName(table)!).ToArray();
            returning = string.Join(", ", generated.Select(g => sqlHelper.DelimitIdentifier(g.Property.GetColumnName(table)!)));
            sql = Sql(1, null, null);
        }

        /// <summary>
        /// The INSERT with its parameters numbered from <paramref name="first"/>; the columns in <paramref name="computed"/>
        /// take that SQL instead of a parameter, and <paramref name="alsoReturn"/> follows the generated values it returns.
        /// </summary>
        public string Sql(int first, IReadOnlyDictionary<string, string>? computed, string? alsoReturn)
        {
            var text = new StringBuilder("INSERT INTO ").Append(tableName).Append(" (")
                .AppendJoin(", ", sentColumns.Select(c => sqlHelper.DelimitIdentifier(c))).Append(") VALUES (");
            var next = first;
            for (var i = 0; i < sentColumns.Length; i++)
            {
                if (i > 0) text.Append(", ");
                if (computed is not null && computed.TryGetValue(sentColumns[i], out var expression)) text.Append(expression);
                else text.Append('$').Append(next++);
            }
            text.Append(')');
            var returned = string.Join(", ", new[] { returning, alsoReturn }.Where(r => !string.IsNullOrEmpty(r)));
            if (returned.Length > 0) text.Append(" RETURNING ").Append(returned);
            return text.ToString();
        }

        public static InsertPlan For(AppDbContext db, object row)
        {
            var (entity, optional) = Shapes.GetOrAdd(row.GetType(), ShapeOf, db.Model);
            var mask = 0UL;
            for (var i = 0; i < optional.Length; i++)
                if (!Equals(optional[i].GetGetter().GetClrValue(row), optional[i].Sentinel)) mask |= 1UL << i;
            return Plans.GetOrAdd((entity, mask), key => new InsertPlan(key.Item1, optional, key.Item2, db.GetService<ISqlGenerationHelper>()));
        }

        // Once per type: whether it can be written this way, and its columns the database fills unless the row brings
        // a value (identity columns and columns with a default).
        private static (IEntityType, IProperty[]) ShapeOf(Type type, IModel model)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            if (entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entity.GetTableName() is null)
                throw new NotSupportedException($"{entity.DisplayName()} has owned or complex parts, or no table: add it with SaveChanges.");
            return (entity, entity.GetProperties()
                .Where(p => p.ValueGenerated == ValueGenerated.OnAdd && p.GetComputedColumnSql() is null && !p.IsShadowProperty()).ToArray());
        }

        public NpgsqlBatchCommand Command(object row)
        {
            var command = new NpgsqlBatchCommand(sql);
            AddParameters(command.Parameters, row, null);
            return command;
        }

        /// <summary>The row's values for <see cref="Sql"/>'s parameters, in order, skipping the computed columns.</summary>
        public void AddParameters(NpgsqlParameterCollection parameters, object row, IReadOnlyDictionary<string, string>? computed)
        {
            for (var i = 0; i < sent.Length; i++)
            {
                if (computed is not null && computed.ContainsKey(sentColumns[i])) continue;
                // The type mapping converts the value (enums to text…) and types the parameter (jsonb, text[]…), as SaveChanges does.
                var property = sent[i];
                var parameter = property.GetRelationalTypeMapping()
                    .CreateParameter(ParameterFactory, "", property.GetGetter().GetClrValue(row), property.IsNullable);
                parameters.Add((NpgsqlParameter)parameter);
            }
        }

        public void ReadGenerated(DbDataReader reader, object row)
        {
            for (var i = 0; i < generated.Length; i++)
            {
                var (property, clr) = generated[i];
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                var converter = property.GetTypeMapping().Converter;
                if (converter is not null && value is not null) value = converter.ConvertFromProvider(value);
                clr.SetValue(row, value is null ? null : Convert(value, clr.PropertyType));
            }
        }

        private static object Convert(object value, Type target)
        {
            var type = Nullable.GetUnderlyingType(target) ?? target;
            return type.IsInstanceOfType(value) ? value : System.Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
