using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Persistence;

/// <summary>
/// GroupCommit's hand-over between writes of one lane, with members that record the groups they are asked to write
/// (no database: the order of events is driven by gates, never by delays). GroupCommitBurstTests drives it through the API.
/// </summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Recorder
    {
        public readonly List<string[]> Groups = [];
        public TaskCompletionSource? Gate; // the next group to be written waits for it
    }

    private sealed class FakeWrite(string name, Recorder recorder, Func<IReadOnlyList<FakeWrite>, Exception?>? fails = null) : GroupCommit.Member
    {
        public string Name => name;

        protected override async Task WriteGroupAsync(IReadOnlyList<GroupCommit.Member> group, CancellationToken ct)
        {
            var writes = group.Cast<FakeWrite>().ToList();
            lock (recorder) recorder.Groups.Add(writes.Select(w => w.Name).ToArray());
            if (recorder.Gate is { } gate) { recorder.Gate = null; await gate.Task; }
            if (fails?.Invoke(writes) is { } error) throw error;
        }
    }

    private static DbUpdateException Refused() =>
        new("A database statement failed.", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));

    [Fact]
    public async Task A_write_alone_goes_at_once_as_a_group_of_one()
    {
        var commit = new GroupCommit();
        var recorder = new Recorder();

        await commit.WriteAsync(Guid.NewGuid(), new FakeWrite("a", recorder), Ct);

        Assert.Equal(["a"], Assert.Single(recorder.Groups));
        Assert.Equal((1L, 1L), commit.Written);
    }

    [Fact]
    public async Task Writes_that_arrive_while_one_is_in_flight_go_together_led_by_the_first_of_them()
    {
        var commit = new GroupCommit();
        var gate = new TaskCompletionSource();
        var recorder = new Recorder { Gate = gate };
        var lane = Guid.NewGuid();

        var first = commit.WriteAsync(lane, new FakeWrite("a", recorder), Ct); // in flight, held at the gate
        var queued = new[] { "b", "c", "d" }.Select(n => commit.WriteAsync(lane, new FakeWrite(n, recorder), Ct)).ToList();
        Assert.All(queued, q => Assert.False(q.IsCompleted));
        gate.SetResult();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal([["a"], ["b", "c", "d"]], recorder.Groups);
        Assert.Equal((2L, 4L), commit.Written);
    }

    [Fact]
    public async Task Another_lane_does_not_wait_for_a_lane_in_flight()
    {
        var commit = new GroupCommit();
        var gate = new TaskCompletionSource();
        var held = new Recorder { Gate = gate };
        var first = commit.WriteAsync(Guid.NewGuid(), new FakeWrite("a", held), Ct);

        var other = new Recorder();
        await commit.WriteAsync(Guid.NewGuid(), new FakeWrite("x", other), Ct);

        Assert.False(first.IsCompleted);
        Assert.Equal(["x"], Assert.Single(other.Groups));
        gate.SetResult();
        await first;
    }

    [Fact]
    public async Task A_group_carries_at_most_MaxGroup_writes_and_the_rest_follow_in_the_next()
    {
        var commit = new GroupCommit();
        var gate = new TaskCompletionSource();
        var recorder = new Recorder { Gate = gate };
        var lane = Guid.NewGuid();
        var first = commit.WriteAsync(lane, new FakeWrite("a", recorder), Ct);
        var queued = Enumerable.Range(0, GroupCommit.MaxGroup + 3).Select(i => commit.WriteAsync(lane, new FakeWrite($"q{i}", recorder), Ct)).ToList();

        gate.SetResult();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal([1, GroupCommit.MaxGroup, 3], recorder.Groups.Select(g => g.Length));
        Assert.Equal("q0", recorder.Groups[1][0]);
        Assert.Equal($"q{GroupCommit.MaxGroup}", recorder.Groups[2][0]);
    }

    [Fact]
    public async Task A_statement_refused_in_a_group_fails_only_its_own_write_and_the_others_are_written_alone()
    {
        var commit = new GroupCommit();
        var gate = new TaskCompletionSource();
        var recorder = new Recorder { Gate = gate };
        var lane = Guid.NewGuid();
        // "bad" breaks any round trip it is in, as a unique violation aborts the batch's whole transaction.
        Exception? FailsWithBad(IReadOnlyList<FakeWrite> group) => group.Any(w => w.Name == "bad") ? Refused() : null;
        var first = commit.WriteAsync(lane, new FakeWrite("a", recorder, FailsWithBad), Ct);
        var good1 = commit.WriteAsync(lane, new FakeWrite("b", recorder, FailsWithBad), Ct);
        var bad = commit.WriteAsync(lane, new FakeWrite("bad", recorder, FailsWithBad), Ct);
        var good2 = commit.WriteAsync(lane, new FakeWrite("c", recorder, FailsWithBad), Ct);

        gate.SetResult();
        await first;
        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => bad);

        Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(["a"], recorder.Groups[0]);
        Assert.Equal(["b", "bad", "c"], recorder.Groups[1]);
        // Then each alone, in whatever order the three got there.
        Assert.Equal(["b", "bad", "c"], recorder.Groups.Skip(2).Select(g => Assert.Single(g)).Order());
    }

    [Fact]
    public async Task A_connection_lost_under_a_group_leaves_every_write_of_it_with_an_unknown_outcome_and_none_is_written_again()
    {
        var commit = new GroupCommit();
        var gate = new TaskCompletionSource();
        var recorder = new Recorder { Gate = gate };
        var lane = Guid.NewGuid();
        // A lost connection: the commit may or may not have happened, so writing again could write twice.
        Exception? Lost(IReadOnlyList<FakeWrite> group) => group.Count > 1 ? new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) : null;
        var first = commit.WriteAsync(lane, new FakeWrite("a", recorder, Lost), Ct);
        var queued = new[] { "b", "c" }.Select(n => commit.WriteAsync(lane, new FakeWrite(n, recorder, Lost), Ct)).ToList();

        gate.SetResult();
        await first;

        await Assert.ThrowsAsync<NpgsqlException>(() => queued[0]); // the leader's own error, wrapped by its caller
        await Assert.ThrowsAsync<CommitOutcomeUnknownException>(() => queued[1]);
        Assert.Equal(2, recorder.Groups.Count);
    }
}
