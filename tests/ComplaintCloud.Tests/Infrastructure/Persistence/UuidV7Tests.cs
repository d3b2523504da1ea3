using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Persistence;

/// <summary>The database's uuid_v7 (migration SweeperLeanerWrites), which the SLA sweeper gives its events and outbox rows.</summary>
public sealed class UuidV7Tests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uuid_v7_is_a_version_7_uuid_whose_first_48_bits_are_the_instant_in_milliseconds_and_whose_rest_differs()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, 123, TimeSpan.Zero);
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT uuid_v7($1) FROM generate_series(1, 3)", db) { Parameters = { new() { Value = at } } };
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) ids.Add(reader.GetGuid(0));

        Assert.Equal(3, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2); // RFC 9562 variant, kept from gen_random_uuid()
            var bytes = id.ToByteArray(bigEndian: true);
            var millis = bytes.Take(6).Aggregate(0L, (acc, b) => (acc << 8) | b);
            Assert.Equal(at.ToUnixTimeMilliseconds(), millis);
        }
        // Ordered as .NET orders version 7 ids made at the same instant: by that instant first.
        Assert.True(string.CompareOrdinal(Guid.CreateVersion7(at.AddMilliseconds(-1)).ToString(), ids[0].ToString()) < 0);
    }
}
