using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>
/// Group commit for writes that commit themselves in one round trip and would otherwise queue on one row lock (a
/// workspace's number counter): while one such write of a lane (a workspace) is in flight, the writes of that lane
/// that arrive wait; when it is done, the first of them writes them all in one round trip on its own connection, one
/// implicit transaction, one commit and one WAL flush. The lock is then taken once per group instead of once per
/// write, and each write still gets its own number in the order of the group. Alone, a write goes at once: nothing
/// waits for company. Within one app instance; instances still queue on the database's lock as before.
/// </summary>
/// <remarks>
/// A group is all or nothing (PostgreSQL runs the batch as one implicit transaction). When a statement of one write
/// fails the group, nothing was written, and every write of it goes again alone, so one bad write fails only itself.
/// A connection lost on the way leaves every write of the group with an unknown outcome, as it would alone.
/// Written by hand: no library does group commit for Npgsql batches.
/// </remarks>
public sealed class GroupCommit
{
    /// <summary>The most writes one round trip carries (the admission queue keeps a lane's group smaller still).</summary>
    public const int MaxGroup = 32;

    private readonly ConcurrentDictionary<Guid, Lane> lanes = new();
    private long groups, written;

    /// <summary>Round trips written, and the writes they carried (a test's evidence that writes were grouped).</summary>
    public (long Groups, long Writes) Written => (Interlocked.Read(ref groups), Interlocked.Read(ref written));

    /// <summary>One write: its own round trip, and how to write a group with it at the head.</summary>
    public abstract class Member
    {
        internal readonly TaskCompletionSource<Turn> Turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Writes the group, this member first, in one round trip on this member's connection.</summary>
        protected internal abstract Task WriteGroupAsync(IReadOnlyList<Member> group, CancellationToken ct);
    }

    internal abstract record Turn
    {
        public sealed record Written : Turn;
        public sealed record Alone : Turn;
        public sealed record Lead(IReadOnlyList<Member> Group) : Turn;
        public sealed record Failed(Exception Error) : Turn;
    }

    private sealed class Lane
    {
        public bool Busy;
        public readonly List<Member> Waiting = [];
    }

    /// <summary>Writes <paramref name="me"/>, alone or with other writes of <paramref name="lane"/>; returns once it is committed.</summary>
    public async Task WriteAsync(Guid lane, Member me, CancellationToken ct)
    {
        var queue = lanes.GetOrAdd(lane, static _ => new Lane());
        IReadOnlyList<Member>? group = null;
        lock (queue)
        {
            if (queue.Busy) queue.Waiting.Add(me);
            else { queue.Busy = true; group = [me]; }
        }
        if (group is null)
        {
            // Waits for another write's round trip, which is short and always ends: a cancelled request is not taken out.
            switch (await me.Turn.Task)
            {
                case Turn.Written: return;
                case Turn.Failed failed: ExceptionDispatchInfo.Throw(failed.Error); return;
                case Turn.Alone: await WriteAloneAsync(me, ct); return;
                case Turn.Lead lead: group = lead.Group; break;
            }
        }

        Exception? failure = null;
        try
        {
            // Other requests' writes ride on this one: the leader's cancellation must not undo them.
            await me.WriteGroupAsync(group!, group!.Count == 1 ? ct : CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }
        HandOver(queue);
        Interlocked.Increment(ref groups);
        Interlocked.Add(ref written, group.Count);
        var others = group.Skip(1);
        if (failure is null)
        {
            foreach (var other in others) other.Turn.SetResult(new Turn.Written());
            return;
        }
        if (group.Count > 1 && IsStatementFailure(failure))
        {
            // One write's statement aborted the group's transaction: nothing was written; each goes again alone.
            foreach (var other in others) other.Turn.SetResult(new Turn.Alone());
            await WriteAloneAsync(me, ct);
            return;
        }
        foreach (var other in others) other.Turn.SetResult(new Turn.Failed(ForAnother(failure)));
        ExceptionDispatchInfo.Throw(failure);
    }

    private static Task WriteAloneAsync(Member me, CancellationToken ct) => me.WriteGroupAsync([me], ct);

    // The next group: everything that queued while this one was in flight, led by the first to arrive.
    private static void HandOver(Lane queue)
    {
        List<Member> next;
        lock (queue)
        {
            if (queue.Waiting.Count == 0) { queue.Busy = false; return; }
            var count = Math.Min(queue.Waiting.Count, MaxGroup);
            next = queue.Waiting.GetRange(0, count);
            queue.Waiting.RemoveRange(0, count);
        }
        next[0].Turn.SetResult(new Turn.Lead(next));
    }

    // The server refused a statement: the batch's implicit transaction rolled back, so writing again is safe.
    private static bool IsStatementFailure(Exception e) =>
        e is DbUpdateException { InnerException: PostgresException } && !TransientDatabaseFailures.Is(e);

    // Each waiting request throws an exception of its own (one instance thrown on many threads would mix their traces).
    private static Exception ForAnother(Exception e) => TransientDatabaseFailures.Is(e) || e is CommitOutcomeUnknownException
        ? new CommitOutcomeUnknownException(e)
        : new InvalidOperationException("A grouped write failed: " + e.Message, e);
}
