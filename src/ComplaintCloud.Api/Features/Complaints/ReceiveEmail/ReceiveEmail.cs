using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ReceiveEmail;

/// <summary>What email-to-webhook relays post (field names as most of them send them).</summary>
public sealed record ReceiveEmailCommand(string? From, string? To, string? Subject, string? Text, string? Html, string? MessageId,
    string? InReplyTo) : ICommand<ReceivedEmail>;

public enum EmailOutcome { Created, Appended, Duplicate }

public sealed record ReceivedEmail(EmailOutcome Outcome, Guid ComplaintId, string Number);

public sealed class ReceiveEmailValidator : AbstractValidator<ReceiveEmailCommand>
{
    public ReceiveEmailValidator()
    {
        RuleFor(c => c.From).NotEmpty().WithMessage("The email has no sender ('from').");
        RuleFor(c => c.From).Must(from => ReceiveEmailHandler.ParseSender(from) is not null).When(c => !string.IsNullOrEmpty(c.From))
            .WithMessage("'from' is not an email address.");
        RuleFor(c => c.From).MaximumLength(400);
        RuleFor(c => c.Subject).MaximumLength(998);
        RuleFor(c => c.Text).MaximumLength(100_000);
        RuleFor(c => c.Html).MaximumLength(300_000);
        RuleFor(c => c.MessageId).MaximumLength(998);
        RuleFor(c => c.InReplyTo).MaximumLength(998);
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Html) || !string.IsNullOrWhiteSpace(c.Subject))
            .WithName("text").WithMessage("The email is empty: no subject, text or html.");
    }
}

/// <summary>
/// Turns an inbound email into a complaint, or into a message on the complaint it answers: a reply
/// is recognised by a complaint number in its subject or text, or by In-Reply-To naming an email
/// we already received. Each Message-ID is handled once, so relays may retry freely.
/// </summary>
public sealed partial class ReceiveEmailHandler(AppDbContext db, TimeProvider clock, ComplaintIntake intake)
    : ICommandHandler<ReceiveEmailCommand, ReceivedEmail>
{
    public async ValueTask<ReceivedEmail> Handle(ReceiveEmailCommand command, CancellationToken ct)
    {
        var sender = ParseSender(command.From)!;
        var text = BodyText(command);
        var messageId = NormaliseId(command.MessageId) ?? "sha256:" + Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{sender.Address}\n{command.Subject}\n{text}")));

        var seen = await db.InboundEmails.AsNoTracking().Where(m => m.MessageId == messageId)
            .Join(db.Complaints, m => m.ComplaintId, c => c.Id, (m, c) => new { c.Id, c.Number }).FirstOrDefaultAsync(ct);
        if (seen is not null) return new ReceivedEmail(EmailOutcome.Duplicate, seen.Id, seen.Number);

        var now = clock.GetUtcNow();
        var actor = new Actor(Actor.Customer, null, string.IsNullOrWhiteSpace(sender.DisplayName) ? sender.Address : sender.DisplayName);
        var existing = await ThreadOfAsync(command, ct);
        Complaint complaint;
        EmailOutcome outcome;
        if (existing is not null)
        {
            complaint = existing;
            complaint.RecordCustomerMessage(actor, now, "email", command.Subject, text.Truncate(20000), messageId);
            db.ComplaintMessages.Add(new ComplaintMessage
            {
                Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, Kind = MessageKind.Inbound,
                Body = (string.IsNullOrWhiteSpace(text) ? command.Subject ?? "" : text).Truncate(20000), AuthorKind = actor.Kind,
                AuthorName = actor.Name.Truncate(200), CreatedAt = now, Delivery = MessageDelivery.Received, EmailMessageId = messageId,
            });
            outcome = EmailOutcome.Appended;
        }
        else
        {
            // Reads first, as in create: from taking the number to commit, the tenant's other creates wait.
            var start = await intake.BeginAsync(now.Year, ct);
            complaint = Complaint.Receive(Guid.CreateVersion7(now), start.Number,
                (string.IsNullOrWhiteSpace(command.Subject) ? "(no subject)" : command.Subject.Trim()).Truncate(300),
                (string.IsNullOrWhiteSpace(text) ? command.Subject! : text).Truncate(20000), ComplaintChannel.Email,
                ComplaintSeverity.General, actor.Name.Truncate(200), sender.Address, null, null, null, null,
                messageId.Truncate(100), now, start.Rules.DueAt(now), actor, now);
            await intake.RecordAsync(complaint, start.Receipt, ct);
            outcome = EmailOutcome.Created;
        }

        db.InboundEmails.Add(new InboundEmail
        {
            Id = Guid.CreateVersion7(now), MessageId = messageId, ComplaintId = complaint.Id, From = sender.Address,
            Subject = command.Subject, ReceivedAt = now,
        });
        return new ReceivedEmail(outcome, complaint.Id, complaint.Number);
    }

    private async Task<Complaint?> ThreadOfAsync(ReceiveEmailCommand command, CancellationToken ct)
    {
        var numbers = NumberPattern().Matches($"{command.Subject}\n{command.Text}").Select(m => m.Value).Distinct().ToList();
        if (numbers.Count > 0 && await db.Complaints.Where(c => numbers.Contains(c.Number)).OrderBy(c => c.ReceivedAt).FirstOrDefaultAsync(ct) is { } byNumber)
            return byNumber;
        if (NormaliseId(command.InReplyTo) is not { } parent) return null;
        // The parent is an email the customer sent us, or one we sent them (its Message-ID is in the outbox).
        var threadId = await db.InboundEmails.Where(m => m.MessageId == parent).Select(m => (Guid?)m.ComplaintId).FirstOrDefaultAsync(ct)
                       ?? await db.OutboxMessages.Where(m => m.EmailMessageId == parent).Select(m => m.ComplaintId).FirstOrDefaultAsync(ct);
        return threadId is { } id ? await db.Complaints.SingleOrDefaultAsync(c => c.Id == id, ct) : null;
    }

    public static MailAddress? ParseSender(string? from) =>
        MailAddress.TryCreate(from?.Trim(), out var address) ? address : null;

    private static string? NormaliseId(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().Trim('<', '>').ToLowerInvariant();

    // Plain text when the relay sent it; otherwise the HTML with its tags removed (enough for a complaint's description).
    private static string BodyText(ReceiveEmailCommand command) =>
        !string.IsNullOrWhiteSpace(command.Text) ? command.Text.Trim()
        : string.IsNullOrWhiteSpace(command.Html) ? ""
        : System.Net.WebUtility.HtmlDecode(TagPattern().Replace(command.Html, " ")).Trim();

    [GeneratedRegex(@"\bC-\d{4}-\d{6}\b")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
