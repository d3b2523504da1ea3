using System.Collections;
using System.Text.Json.Nodes;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Persistence;

/// <summary>
/// AppDbContext.InsertNewAsync writes intake's new rows from the EF model without the change tracker: what it writes
/// must read back through EF exactly as SaveChanges would have written it.
/// </summary>
public sealed class InsertNewTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private AsyncServiceScope ScopeIn(Guid tenantId)
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return scope;
    }

    private static Complaint NewComplaint(string number) =>
        Complaint.Receive(Guid.CreateVersion7(), number, "Subject", "Description", ComplaintChannel.Letter, ComplaintSeverity.Serious,
            "Ada Lovelace", "ada@example.com", "+44 20 1234", "ext-1", "Wanted", "product-1", $"ref-{number}", At, At.AddDays(3),
            Actor.SystemActor, At, tags: ["vip", "late"]);

    [Fact]
    public async Task Every_mapped_column_reads_back_as_inserted_and_generated_values_come_back_into_the_rows()
    {
        var tenant = await app.ProvisionTenantAsync("ins", Ct);
        var complaint = NewComplaint("C-2026-900001");
        // Values of every kind the complaint maps: nullable enums, decimal, bool, instants, text.
        (complaint.Cause, complaint.Purpose, complaint.CustomerBehaviour) = (ComplaintCause.Price, ComplaintPurpose.CompensationDemand, CustomerBehaviour.Venting);
        (complaint.RemedyType, complaint.RemedyAmount, complaint.RemedyCurrency) = (RemedyType.Refund, 1234.56m, "EUR");
        (complaint.CustomerAccepted, complaint.AcknowledgedAt, complaint.StatusBeforeWaiting) = (true, At.AddHours(1), ComplaintStatus.Acknowledged);
        (complaint.RootCause, complaint.ResponsibleParty, complaint.LessonsLearned) = ("Cause", ResponsibleParty.Supplier, "Lesson");
        var firstEvent = complaint.NewEvents.Single();

        await using (var scope = ScopeIn(tenant.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.InsertNewAsync([complaint], Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var readScope = ScopeIn(tenant.Id);
        var read = readScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await read.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct);
        var storedEvent = await read.ComplaintEvents.AsNoTracking().SingleAsync(e => e.ComplaintId == complaint.Id, Ct);
        Assert.Equal(tenant.Id, complaint.TenantId); // stamped
        Assert.NotEqual(0u, complaint.Version);
        Assert.NotEqual(0L, firstEvent.Position);
        foreach (var (entity, written, back) in new (Type, object, object)[] { (typeof(Complaint), complaint, stored), (typeof(ComplaintEvent), firstEvent, storedEvent) })
            foreach (var property in read.Model.FindEntityType(entity)!.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                // Lists compare by their items; jsonb keeps the document, not its spelling (key order, spaces).
                object? Value(object row) => property.PropertyInfo!.GetValue(row) switch
                {
                    string json when property.GetColumnType() == "jsonb" => JsonNode.Parse(json)!.ToJsonString(),
                    IEnumerable list and not string => string.Join("|", list.Cast<object>()),
                    var value => value,
                };
                var same = property.GetColumnType() == "jsonb" && Value(written) is string a && Value(back) is string b
                    ? JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)) : Equals(Value(written), Value(back));
                Assert.True(same, $"{entity.Name}.{property.Name}: wrote {Value(written)}, read {Value(back)}");
            }
        Assert.Empty(complaint.NewEvents);
    }

    [Fact]
    public async Task A_row_for_another_tenant_is_refused_and_nothing_is_written()
    {
        var tenant = await app.ProvisionTenantAsync("ins-own", Ct);
        var other = await app.ProvisionTenantAsync("ins-other", Ct);
        var complaint = NewComplaint("C-2026-900002");
        complaint.TenantId = other.Id;

        await using var scope = ScopeIn(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertNewAsync([complaint], Ct));

        await using var superuser = await app.Database.OpenSuperuserAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints WHERE id = $1", superuser) { Parameters = { new() { Value = complaint.Id } } };
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_duplicate_raises_the_DbUpdateException_SaveChanges_would()
    {
        var tenant = await app.ProvisionTenantAsync("ins-dup", Ct);
        await using var scope = ScopeIn(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.InsertNewAsync([NewComplaint("C-2026-900003")], Ct);

        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertNewAsync([NewComplaint("C-2026-900003")], Ct));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(duplicate.InnerException).SqlState);
    }
}
