using ComplaintCloud.Api.Features;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Htmx.TagHelpers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure;

public static class RequestPipeline
{
    public static void AddRequestLogging(this IServiceCollection services) => services.AddHttpLogging(o =>
    {
        o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode
                          | HttpLoggingFields.Duration;
        o.CombineLogs = true;
    });

    public static void UseComplaintCloud(this WebApplication app)
    {
        app.UseTrustedProxies(); // first: the client address and scheme everything after it sees
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts(); // on HTTPS requests only (also HTTPS a trusted proxy forwarded)
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestAdmissionMiddleware>(); // first, so everything a request does waits its turn
        app.UseRateLimiter(); // endpoint policies (the public complaint form); the API's per-tenant limit is below
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseHttpLogging();
        app.UseMiddleware<TenantRateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<NulCharacterGuard>(); // before anything of the request is stored
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapComplaintCloudOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHtmxAntiforgeryScript();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        app.MapApiEndpoints();

        if (app.Configuration.GetValue<bool>("Bench:RawEndpoint"))
        {
            // The yardsticks skip authentication and take the tenant from the query string.
            if (app.Environment.IsProduction())
                throw new InvalidOperationException("Bench:RawEndpoint cannot be switched on in Production: its endpoints skip authentication and tenancy.");
            MapBenchBaseline(app);
            MapBenchRawComplaints(app);
        }
    }

    // The benchmark's yardstick: the same host doing one plain Npgsql query, no auth, no EF, no tenancy.
    private static void MapBenchBaseline(WebApplication app) =>
        app.MapGet("/bench/raw", async ([FromKeyedServices(ServiceRegistration.BenchDataSource)] NpgsqlDataSource db, CancellationToken ct) =>
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
            [FromKeyedServices(ServiceRegistration.BenchDataSource)] NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
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
                            customer_email, customer_phone, customer_external_id, product_ref, external_ref, desired_outcome, received_at, created_at, due_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'Received', $8, $9, $10, $11, $12, $13, $14, $15, $15, $15 + interval '15 days')
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
            [FromKeyedServices(ServiceRegistration.BenchDataSource)] NpgsqlDataSource db, CancellationToken ct) =>
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
