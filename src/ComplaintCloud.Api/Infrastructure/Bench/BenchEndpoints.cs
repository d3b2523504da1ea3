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

    // Benchmark yardsticks for the complaint API (bench/complaints.sh): the same rows (complaint, received event
    // and, for a customer with an email address, the receipt's outbox row) written and read
    // with plain Npgsql, no auth, no EF, no Mediator; the tenant comes from the 'tenant' query parameter.
    private sealed record RawCustomer(string Name, string? Email, string? Phone, string? ExternalId);
    private sealed record RawComplaintBody(string Subject, string Description, string Channel, string Severity, RawCustomer Customer,
        string? DesiredOutcome, string? ExternalRef, string? ProductRef);

    private static void MapBenchRawComplaints(WebApplication app)
    {
        // One transaction: set app.tenant_id, bump the number counter, insert the complaint and its received event.
        app.MapPost("/bench/raw/complaints", async (Guid tenant, RawComplaintBody body,
            [FromKeyedServices(DataSourceKey)] NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            int last;
            await using (var first = new NpgsqlBatch(conn, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true)") { Parameters = { new() { Value = tenant.ToString("D") } } },
                    new NpgsqlBatchCommand("""
                        INSERT INTO complaint_number_counters (tenant_id, year, last_number) VALUES ($1, $2, 1)
                        ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = complaint_number_counters.last_number + 1
                        RETURNING last_number
                        """) { Parameters = { new() { Value = tenant }, new() { Value = now.Year } } },
                },
            })
            {
                await using var reader = await first.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                last = reader.GetInt32(0);
            }
            var number = $"C-{now.Year}-{last:D6}";
            var data = System.Text.Json.JsonSerializer.Serialize(new { channel = body.Channel, severity = body.Severity, receivedAt = now });
            await using (var second = new NpgsqlBatch(conn, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("""
                        INSERT INTO complaints (tenant_id, id, number, subject, description, channel, severity, status, customer_name,
                            customer_email, customer_phone, customer_external_id, product_ref, external_ref, desired_outcome, received_at, created_at, due_at, sender_verified)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'Received', $8, $9, $10, $11, $12, $13, $14, $15, $15, $15 + interval '15 days', true)
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = tenant }, new() { Value = id }, new() { Value = number }, new() { Value = body.Subject.Trim() },
                            new() { Value = body.Description }, new() { Value = body.Channel }, new() { Value = body.Severity },
                            new() { Value = body.Customer.Name.Trim() }, new() { Value = (object?)body.Customer.Email ?? DBNull.Value },
                            new() { Value = (object?)body.Customer.Phone ?? DBNull.Value }, new() { Value = (object?)body.Customer.ExternalId ?? DBNull.Value },
                            new() { Value = (object?)body.ProductRef ?? DBNull.Value }, new() { Value = (object?)body.ExternalRef ?? DBNull.Value },
                            new() { Value = (object?)body.DesiredOutcome ?? DBNull.Value }, new() { Value = now },
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
            })
            {
                // The API queues a receipt for a customer with an email address: so does the yardstick, a row of the same size.
                if (!string.IsNullOrWhiteSpace(body.Customer.Email))
                    second.BatchCommands.Add(new NpgsqlBatchCommand("""
                        INSERT INTO outbox_messages (tenant_id, id, complaint_id, kind, to_address, to_name, from_name, subject, body,
                            email_message_id, status, attempts, next_attempt_at, created_at)
                        VALUES ($1, $2, $3, 'complaint_received', $4, $5, 'Bench', $6, $7, $8, 'Pending', 0, $9, $9)
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = tenant }, new() { Value = Guid.CreateVersion7(now) }, new() { Value = id },
                            new() { Value = body.Customer.Email.Trim() }, new() { Value = body.Customer.Name },
                            new() { Value = $"[{number}] We have received your complaint" },
                            new() { Value = $"Dear {body.Customer.Name},\n\nThank you for contacting us. We have received your complaint \"{body.Subject}\" " +
                                            $"under the number {number}.\n\nYou can follow its progress here: http://localhost/p/bench/complaints/status?token=" +
                                            new string('x', 180) + $"\n\nPlease keep {number} in the subject when you write to us about it.\n" },
                            new() { Value = $"{Guid.CreateVersion7(now):N}@bench.invalid" }, new() { Value = now },
                        },
                    });
                await second.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
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
}
