using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Bench;

/// <summary>
/// The benchmark's yardsticks (bench/run.sh, bench/complaints.sh): the same host answering with plain Npgsql, no
/// authentication, no EF, no tenancy checks, to measure what the app's own layers cost. Not a product feature, so not
/// under Features/: switched on only by Bench:RawEndpoint, and refused in Production, where anyone could call them.
/// </summary>
public static class BenchEndpoints
{
    public const string DataSourceKey = "bench";

    /// <summary>
    /// The yardsticks stand for another client of PostgreSQL: a pool of their own, so their connections do not join the
    /// app's (Npgsql hands idle connections out in turn, and 32 mostly idle backends in the app's pool would make its
    /// requests run on cold ones). Registered always and built only when a yardstick first asks: whether they are
    /// switched on is read when the endpoints are mapped, after configuration is complete (tests add theirs late).
    /// </summary>
    public static void AddBenchDataSource(this IServiceCollection services, IConfiguration configuration) =>
        services.AddKeyedSingleton(DataSourceKey, (_, _) => ServiceRegistration.BuildDataSource(configuration));

    public static void MapBenchEndpointsWhenEnabled(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Bench:RawEndpoint")) return;
        // The yardsticks skip authentication and take the tenant from the query string.
        if (app.Environment.IsProduction())
            throw new InvalidOperationException("Bench:RawEndpoint cannot be switched on in Production: its endpoints skip authentication and tenancy.");
        MapBenchBaseline(app);
        MapBenchRawComplaints(app);
        MapBenchSlaSweep(app);
    }

    // bench/sla.sh: the SLA sweeper's real pass (SlaSweeper.RunOnceAsync, as the hosted service runs it), timed in
    // process. passes=N runs N passes one after another and returns each one's time (the idle sweep); drain=true
    // runs passes until one fires nothing (a burst) and returns the total.
    private static void MapBenchSlaSweep(WebApplication app) =>
        app.MapPost("/bench/sla/sweep", async (SlaSweeper sweeper, int? passes, bool? drain, CancellationToken ct) =>
        {
            var times = new List<double>();
            var fired = 0;
            var total = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; drain == true || i < Math.Max(1, passes ?? 1); i++)
            {
                var pass = System.Diagnostics.Stopwatch.StartNew();
                var n = await sweeper.RunOnceAsync(ct);
                times.Add(pass.Elapsed.TotalMilliseconds);
                fired += n;
                if (drain == true && n == 0) break;
            }
            return Results.Ok(new { elapsedMs = total.Elapsed.TotalMilliseconds, fired, passes = times.Count, passMs = times });
        }).ExcludeFromDescription();

    // The benchmark's yardstick: the same host doing one plain Npgsql query, no auth, no EF, no tenancy.
    private static void MapBenchBaseline(WebApplication app) =>
        app.MapGet("/bench/raw", async ([FromKeyedServices(DataSourceKey)] NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("SELECT id, user_name, email FROM users ORDER BY id LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? Results.Ok(new { id = reader.GetGuid(0), userName = reader.GetString(1), email = reader.GetString(2) })
                : Results.NotFound();
        }).ExcludeFromDescription();

    // Benchmark yardsticks for the complaint API (bench/complaints.sh): the same rows (complaint, received event, the
    // resolution timer of the workspace's default SLA policy when it has one, and, for a customer with an email address,
    // the receipt's outbox row) written and read with plain Npgsql, no auth, no EF, no Mediator; the tenant comes from
    // the 'tenant' query parameter.
    private sealed record RawCustomer(string Name, string? Email, string? Phone, string? ExternalId);
    private sealed record RawComplaintBody(string Subject, string Description, string Channel, string Severity, RawCustomer Customer,
        string? DesiredOutcome, string? ExternalRef, string? ProductRef);
    private sealed record RawTarget(string Clock, int Amount, string Unit);
    private sealed record RawSla(Guid PolicyId, string PolicyName, Guid CalendarId, int[] Thresholds, RawTarget[] Targets);

    // A workspace's default SLA policy, read once per workspace (the API caches its SLA setup too). A benchmark does
    // not change policies while it runs; null when the workspace has none (bulk-loaded ones): then no timer, as in the API.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, RawSla?> SlaByTenant = new();

    private static async Task<RawSla?> DefaultSlaAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct)
    {
        if (SlaByTenant.TryGetValue(tenant, out var known)) return known;
        // No explicit transaction: a batch runs in one implicit transaction, so the local set_config holds for the select.
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true)") { Parameters = { new() { Value = tenant.ToString("D") } } },
                new NpgsqlBatchCommand("""
                    SELECT id, name, calendar_id, at_risk_percents, targets::text FROM sla_policies
                    WHERE tenant_id = $1 AND is_default ORDER BY position LIMIT 1
                    """) { Parameters = { new() { Value = tenant } } },
            },
        };
        RawSla? sla = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var targets = System.Text.Json.JsonSerializer.Deserialize<RawTarget[]>(reader.GetString(4),
                    new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? [];
                sla = new RawSla(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2),
                    reader.GetFieldValue<int[]>(3).Append(100).Distinct().Order().ToArray(), targets);
            }
        }
        return SlaByTenant.GetOrAdd(tenant, sla);
    }

    private static void MapBenchRawComplaints(WebApplication app)
    {
        // One transaction of two round trips, the number taken as late as the rows allow: one batch [set app.tenant_id;
        // INSERT the complaint with its number from a CTE that bumps the counter; INSERT its received event, its timers and
        // its receipt], then COMMIT. The counter row is locked from that statement to the commit: the rest of the batch
        // (server-side, no round trip) and the commit. (The API writes the complaint last instead, its event, timer and
        // outbox rows ahead of it under references checked at commit.) oneTrip=true sends the same batch without BEGIN: PostgreSQL runs it as
        // one implicit transaction that commits at its end, so the create is a single round trip and the counter row is
        // never locked across one (what a create could get at best; bench/complaints.sh measures it, no target).
        app.MapPost("/bench/raw/complaints", async (Guid tenant, RawComplaintBody body, bool? oneTrip,
            [FromKeyedServices(DataSourceKey)] NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var conn = await db.OpenConnectionAsync(ct);
            var sla = await DefaultSlaAsync(conn, tenant, ct);
            var due = now.AddDays(15);
            var resolution = sla?.Targets.FirstOrDefault(t => t.Clock == "resolution");
            DateTimeOffset? slaDue = resolution is null ? null : now.AddMinutes(TargetMinutes(resolution));
            var data = System.Text.Json.JsonSerializer.Serialize(new { dueAt = due, channel = body.Channel, severity = body.Severity, receivedAt = now });
            await using var tx = oneTrip == true ? null : await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true)") { Parameters = { new() { Value = tenant.ToString("D") } } },
                    new NpgsqlBatchCommand(ComplaintNumbers.TakeNextAsCte + "\n" + """
                        INSERT INTO complaints (tenant_id, id, number, subject, description, channel, severity, status, customer_name,
                            customer_email, customer_phone, customer_external_id, product_ref, external_ref, desired_outcome, received_at,
                            created_at, due_at, sla_due_at, sender_verified)
                        SELECT $1, $3, taken.number,
                            $4, $5, $6, $7, 'Received', $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, true
                        FROM taken
                        RETURNING number
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = tenant }, new() { Value = now.Year }, new() { Value = id }, new() { Value = body.Subject.Trim() },
                            new() { Value = body.Description }, new() { Value = body.Channel }, new() { Value = body.Severity },
                            new() { Value = body.Customer.Name.Trim() }, new() { Value = (object?)body.Customer.Email ?? DBNull.Value },
                            new() { Value = (object?)body.Customer.Phone ?? DBNull.Value }, new() { Value = (object?)body.Customer.ExternalId ?? DBNull.Value },
                            new() { Value = (object?)body.ProductRef ?? DBNull.Value }, new() { Value = (object?)body.ExternalRef ?? DBNull.Value },
                            new() { Value = (object?)body.DesiredOutcome ?? DBNull.Value }, new() { Value = now }, new() { Value = due },
                            new() { Value = slaDue is { } d ? d : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                        },
                    },
                    new NpgsqlBatchCommand("""
                        INSERT INTO complaint_events (tenant_id, id, complaint_id, type, actor_kind, actor_id, actor_name, occurred_at, to_status, data)
                        VALUES ($1, $2, $3, 'complaint.received', 'api_key', NULL, 'bench', $4, 'Received', $5::jsonb)
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = tenant }, new() { Value = Guid.CreateVersion7(now) }, new() { Value = id },
                            new() { Value = now }, new() { Value = data },
                        },
                    },
                },
            };
            // The timers the API's SLA keeper starts at intake: one per target of the matching policy (the default one here).
            foreach (var target in sla?.Targets ?? [])
                batch.BatchCommands.Add(TimerInsert(tenant, id, sla!, target, now));
            // The API queues a receipt for a customer with an email address: so does the yardstick, a row of the same size.
            // Its subject and body carry the number, which the statement reads back from the complaint just inserted.
            if (!string.IsNullOrWhiteSpace(body.Customer.Email))
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    INSERT INTO outbox_messages (tenant_id, id, complaint_id, kind, to_address, to_name, from_name, subject, body,
                        email_message_id, status, attempts, next_attempt_at, created_at)
                    SELECT $1, $2, $3, 'complaint_received', $4, $5, 'Bench', replace($6, '{number}', c.number), replace($7, '{number}', c.number),
                        $8, 'Pending', 0, $9, $9
                    FROM complaints c WHERE c.tenant_id = $1 AND c.id = $3
                    """)
                {
                    Parameters =
                    {
                        new() { Value = tenant }, new() { Value = Guid.CreateVersion7(now) }, new() { Value = id },
                        new() { Value = body.Customer.Email.Trim() }, new() { Value = body.Customer.Name },
                        new() { Value = "[{number}] We have received your complaint" },
                        new() { Value = $"Dear {body.Customer.Name},\n\nThank you for contacting us. We have received your complaint \"{body.Subject}\" " +
                                        "under the number {number}.\n\nYou can follow its progress here: http://localhost/p/bench/complaints/status?token=" +
                                        new string('x', 180) + "\n\nPlease keep {number} in the subject when you write to us about it.\n" },
                        new() { Value = $"{Guid.CreateVersion7(now):N}@bench.invalid" }, new() { Value = now },
                    },
                });
            string number;
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.NextResultAsync(ct); // past set_config's row
                await reader.ReadAsync(ct);
                number = reader.GetString(0);
                while (await reader.NextResultAsync(ct)) { } // the rest of the batch, so its errors surface here
            }
            if (tx is not null) await tx.CommitAsync(ct);
            return Results.Created($"/bench/raw/complaints/{id}", new { id, number, status = "Received", receivedAt = now });
        }).ExcludeFromDescription();

        // One complaint by (tenant_id, id) with app.tenant_id set, every column returned.
        app.MapGet("/bench/raw/complaints/{id:guid}", async (Guid id, Guid tenant,
            [FromKeyedServices(DataSourceKey)] NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var batch = db.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, false)") { Parameters = { new() { Value = tenant.ToString("D") } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT *, xmin FROM complaints WHERE tenant_id = $1 AND id = $2")
                { Parameters = { new() { Value = tenant }, new() { Value = id } } });
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            var row = new Dictionary<string, object?>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            return Results.Ok(row);
        }).ExcludeFromDescription();
    }

    private static long TargetMinutes(RawTarget target) => target.Unit.EndsWith("_days", StringComparison.Ordinal) ? target.Amount * 1440L : target.Amount;

    // A running timer as the SLA keeper starts it: thresholds at the policy's at-risk percents and 100 %, armed at the first.
    // Business units are laid out as calendar time here: the yardstick writes the row, it does not do calendar arithmetic.
    private static NpgsqlBatchCommand TimerInsert(Guid tenant, Guid complaintId, RawSla sla, RawTarget target, DateTimeOffset now)
    {
        var minutes = TargetMinutes(target);
        var due = now.AddMinutes(minutes);
        var fireAts = sla.Thresholds.Select(p => now.AddMinutes(minutes * p / 100.0)).ToArray();
        var runs = System.Text.Json.JsonSerializer.Serialize(new[] { new { from = now, to = (DateTimeOffset?)null } });
        var timeline = System.Text.Json.JsonSerializer.Serialize(new[] { new { at = now, kind = "started", reason = $"policy '{sla.PolicyName}' matched" } });
        return new NpgsqlBatchCommand("""
            INSERT INTO sla_timers (tenant_id, id, complaint_id, clock, policy_id, profile, calendar_id, state, cycle, cycle_started_at, amount,
                unit, business, target_minutes, deadline, due_at, runs, threshold_percents, threshold_fire_ats, fired_count, next_fire_at,
                thresholds_reached, met_at, breached_at, lapses_at_due, recomputing, timeline)
            VALUES ($1, $2, $3, $4, $5, NULL, $6, 'Running', 1, $7, $8, $9, $10, $11, $12, $12, $13::jsonb, $14, $15, 0, $16, '{}', NULL, NULL,
                false, false, $17::jsonb)
            """)
        {
            Parameters =
            {
                new() { Value = tenant }, new() { Value = Guid.CreateVersion7(now) }, new() { Value = complaintId }, new() { Value = target.Clock },
                new() { Value = sla.PolicyId }, new() { Value = sla.CalendarId }, new() { Value = now }, new() { Value = target.Amount },
                new() { Value = target.Unit }, new() { Value = target.Unit.StartsWith("business", StringComparison.Ordinal) },
                new() { Value = minutes }, new() { Value = due }, new() { Value = runs }, new() { Value = sla.Thresholds },
                new() { Value = fireAts }, new() { Value = fireAts[0] }, new() { Value = timeline },
            },
        };
    }
}
