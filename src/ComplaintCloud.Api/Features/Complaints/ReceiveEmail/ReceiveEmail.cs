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
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Complaints.ReceiveEmail;

/// <summary>
/// What email-to-webhook relays post (field names as most of them send them). <see cref="References"/> is the raw
/// References header: Message-IDs separated by white space, with or without angle brackets.
/// </summary>
public sealed record ReceiveEmailCommand([property: Required] string? From, string? To, string? Subject, string? Text, string? Html, string? MessageId,
    string? InReplyTo, string? References = null) : ICommand<ReceivedEmail>;

public enum EmailOutcome { Created, Appended, Duplicate }

/// <param name="SenderVerified">
/// False when the email named another complaint's thread without proving it belongs there, and so started a complaint
/// of its own (see <see cref="EmailThreading"/>).
/// </param>
public sealed record ReceivedEmail(EmailOutcome Outcome, Guid ComplaintId, string Number, bool SenderVerified);

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
        RuleFor(c => c.References).MaximumLength(20_000);
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Html) || !string.IsNullOrWhiteSpace(c.Subject))
            .WithName("text").WithMessage("The email is empty: no subject, text or html.");
    }
}

/// <summary>
/// Turns an inbound email into a message on the complaint it proves it answers (<see cref="EmailThreading"/>), or into a
/// new complaint. An email that names a complaint's thread without proving it starts a complaint of its own, flagged
/// <see cref="Complaint.SenderVerified"/> false, with the email also as a message an agent can move where it belongs;
/// nothing reaches the complaint it named. Each Message-ID is handled once, so relays may retry freely.
/// </summary>
public sealed partial class ReceiveEmailHandler(AppDbContext db, TimeProvider clock, ComplaintIntake intake, EmailThreading threading)
    : ICommandHandler<ReceiveEmailCommand, ReceivedEmail>
{
    public async ValueTask<ReceivedEmail> Handle(ReceiveEmailCommand command, CancellationToken ct)
    {
        var sender = ParseSender(command.From)!;
        var text = BodyText(command);
        var messageId = EmailThreading.NormaliseId(command.MessageId) ?? EmailThreading.HashedIdPrefix + Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{sender.Address}\n{command.Subject}\n{text}")));

        var seen = await db.InboundEmails.AsNoTracking().Where(m => m.MessageId == messageId)
            .Join(db.Complaints, m => m.ComplaintId, c => c.Id, (m, c) => new { c.Id, c.Number, m.SenderVerified }).FirstOrDefaultAsync(ct);
        if (seen is not null) return new ReceivedEmail(EmailOutcome.Duplicate, seen.Id, seen.Number, seen.SenderVerified);

        var now = clock.GetUtcNow();
        var actor = new Actor(Actor.Customer, null, string.IsNullOrWhiteSpace(sender.DisplayName) ? sender.Address : sender.DisplayName);
        var thread = await threading.FindAsync(sender.Address, command.Subject, command.Text,
            EmailThreading.ReferencedIds(command.InReplyTo, command.References), ct);
        var body = (string.IsNullOrWhiteSpace(text) ? command.Subject ?? "" : text).Truncate(ComplaintLimits.MessageBody);
        Complaint complaint;
        EmailOutcome outcome;
        if (thread.Complaint is { } existing)
        {
            complaint = existing;
            complaint.RecordCustomerMessage(actor, now, "email", command.Subject, text.Truncate(ComplaintLimits.MessageBody), messageId, sender.Address);
            db.ComplaintMessages.Add(InboundMessage(complaint, body, actor, sender.Address, messageId, verified: true, now));
            outcome = EmailOutcome.Appended;
        }
        else
        {
            // The receipt goes to the sender, about this complaint only, as for any complaint started by email.
            var start = await intake.BeginAsync(now.Year, ct);
            complaint = Complaint.Receive(Guid.CreateVersion7(now), ComplaintNumbers.NotYetTaken,
                (string.IsNullOrWhiteSpace(command.Subject) ? "(no subject)" : command.Subject.Trim()).Truncate(ComplaintLimits.Subject),
                (string.IsNullOrWhiteSpace(text) ? command.Subject! : text).Truncate(ComplaintLimits.Description), ComplaintChannel.Email,
                ComplaintSeverity.General, actor.Name.Truncate(ComplaintLimits.CustomerName), sender.Address, null, null, null, null,
                messageId.Truncate(ComplaintLimits.ExternalRef), now, start.Rules.DueAt(now), actor, now, senderVerified: !thread.Unproven);
            await intake.RecordAsync(complaint, start.Year, start.Receipt, ct);
            if (thread.Unproven) db.ComplaintMessages.Add(InboundMessage(complaint, body, actor, sender.Address, messageId, verified: false, now));
            outcome = EmailOutcome.Created;
        }

        db.InboundEmails.Add(new InboundEmail
        {
            Id = Guid.CreateVersion7(now), MessageId = messageId, ComplaintId = complaint.Id, From = sender.Address,
            Subject = command.Subject, ReceivedAt = now, SenderVerified = !thread.Unproven,
        });
        return new ReceivedEmail(outcome, complaint.Id, complaint.Number, !thread.Unproven);
    }

    private static ComplaintMessage InboundMessage(Complaint complaint, string body, Actor actor, string from, string messageId, bool verified,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, Kind = MessageKind.Inbound, Body = body, AuthorKind = actor.Kind,
        AuthorName = actor.Name.Truncate(200), CreatedAt = now, Delivery = MessageDelivery.Received, EmailMessageId = messageId,
        FromAddress = from.Truncate(ComplaintLimits.CustomerEmail), SenderVerified = verified,
    };

    public static MailAddress? ParseSender(string? from) =>
        MailAddress.TryCreate(from?.Trim(), out var address) ? address : null;

    // Plain text when the relay sent it; otherwise the HTML with its tags removed (enough for a complaint's description).
    // Decoding turns &#0; into a NUL character, which the database cannot store: it is left out like a sent one.
    private static string BodyText(ReceiveEmailCommand command) =>
        !string.IsNullOrWhiteSpace(command.Text) ? command.Text.Trim()
        : string.IsNullOrWhiteSpace(command.Html) ? ""
        : System.Net.WebUtility.HtmlDecode(TagPattern().Replace(command.Html, " ")).Replace("\0", "", StringComparison.Ordinal).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
