using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ReceiveEmail;

/// <summary>
/// Where an inbound email goes: the complaint it proved it continues (null: none), and whether it named a
/// complaint's thread at all (by number or Message-ID), proven or not.
/// </summary>
public sealed record EmailThread(Complaint? Complaint, bool Claimed)
{
    /// <summary>Named a complaint's thread and could not prove it: a new complaint, flagged for an agent to check.</summary>
    public bool Unproven => Complaint is null && Claimed;
}

/// <summary>
/// Finds the complaint an inbound email continues. Naming a thread proves nothing (our emails carry the complaint number
/// in the subject and anyone can type it), so an email threads onto a complaint named by number only when it comes from
/// that complaint's customer address or names, in In-Reply-To or References, a Message-ID of that complaint's thread.
/// Without such a number it threads onto the complaint of the first such Message-ID it names. A Message-ID of the thread
/// is one we sent for the complaint (only its recipients know it), or that of an earlier email which was itself proven to
/// belong there: an unproven email's own Message-ID is known to whoever sent it, so answering it proves nothing.
/// </summary>
public sealed partial class EmailThreading(AppDbContext db)
{
    /// <summary>How many Message-IDs of one email are looked up: the newest of a long References chain are enough.</summary>
    private const int MaxReferences = 50;

    /// <summary>How many complaint numbers in one email are looked up.</summary>
    private const int MaxNumbers = 20;

    /// <summary>
    /// The stand-in id of an email that came without a Message-ID: a hash of its sender, subject and text. Whoever knows
    /// those can compute it, so naming it proves nothing.
    /// </summary>
    public const string HashedIdPrefix = "sha256:";

    /// <param name="sender">The sender's bare address.</param>
    /// <param name="referenced">The Message-IDs the email answers, as <see cref="ReferencedIds"/> gives them.</param>
    public async Task<EmailThread> FindAsync(string sender, string? subject, string? text, IReadOnlyList<string> referenced,
        CancellationToken ct)
    {
        var named = await ThreadsNamedAsync(referenced, ct);
        var proven = named.Where(n => n.Proven).Select(n => n.ComplaintId).ToHashSet();
        var numbers = NumberPattern().Matches($"{subject}\n{text}").Select(m => m.Value).Distinct().Take(MaxNumbers).ToList();
        var byNumber = numbers.Count == 0 ? []
            : await db.Complaints.Where(c => numbers.Contains(c.Number)).OrderBy(c => c.ReceivedAt).ToListAsync(ct);
        if (byNumber.FirstOrDefault(c => c.IsCustomerAddress(sender) || proven.Contains(c.Id)) is { } numbered)
            return new EmailThread(numbered, true);
        if (named.FirstOrDefault(n => n.Proven) is { } parent
            && await db.Complaints.SingleOrDefaultAsync(c => c.Id == parent.ComplaintId, ct) is { } answered)
            return new EmailThread(answered, true);
        return new EmailThread(null, byNumber.Count > 0 || named.Count > 0);
    }

    /// <summary>A Message-ID the email named that belongs to a complaint's thread, and whether it proves the email belongs there too.</summary>
    private sealed record NamedMessage(Guid ComplaintId, bool Proven);

    // In the order named, so the parent (In-Reply-To) decides first. An email we sent for no complaint (an invitation) names no thread.
    private async Task<List<NamedMessage>> ThreadsNamedAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var sent = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.EmailMessageId))
            .Select(m => new { m.EmailMessageId, ComplaintId = (Guid?)m.ComplaintId }).ToListAsync(ct);
        var received = await db.InboundEmails.AsNoTracking().Where(m => ids.Contains(m.MessageId))
            .Select(m => new { m.MessageId, m.ComplaintId, Proven = m.SenderVerified && !m.MessageId.StartsWith(HashedIdPrefix) }).ToListAsync(ct);
        return ids.SelectMany(id =>
                sent.Where(s => s.EmailMessageId == id && s.ComplaintId is not null).Select(s => new NamedMessage(s.ComplaintId!.Value, true))
                    .Concat(received.Where(r => r.MessageId == id).Select(r => new NamedMessage(r.ComplaintId, r.Proven))))
            .ToList();
    }

    /// <summary>
    /// The Message-IDs an email answers: those of In-Reply-To, then those of References from the newest (last) back. Each
    /// header is a string of Message-IDs separated by white space (or commas), with or without angle brackets.
    /// </summary>
    public static IReadOnlyList<string> ReferencedIds(string? inReplyTo, string? references) =>
        IdsIn(inReplyTo).Concat(IdsIn(references).Reverse()).Distinct().Take(MaxReferences).ToList();

    private static IEnumerable<string> IdsIn(string? header) => string.IsNullOrWhiteSpace(header) ? []
        : MessageIdPattern().Matches(header).Select(m => NormaliseId(m.Groups[1].Success ? m.Groups[1].Value : m.Value)).OfType<string>();

    /// <summary>A Message-ID as we store and compare it: without angle brackets, lower case.</summary>
    public static string? NormaliseId(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().Trim('<', '>').ToLowerInvariant();

    [GeneratedRegex(@"\bC-\d{4}-\d{6}\b")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"<([^<>\s]+)>|[^<>\s,]+")]
    private static partial Regex MessageIdPattern();
}
