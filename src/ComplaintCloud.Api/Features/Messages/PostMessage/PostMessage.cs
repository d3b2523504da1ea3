using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Attachments;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Messages.PostMessage;

public sealed record PostMessageBody([property: Required] MessageKind? Kind, [property: Required] string? Body, IReadOnlyList<Guid>? AttachmentIds);

public sealed record PostMessageCommand(Guid ComplaintId, MessageKind? Kind, string? Body, IReadOnlyList<Guid>? AttachmentIds) : ICommand<MessageView>;

public sealed class PostMessageValidator : AbstractValidator<PostMessageCommand>
{
    public PostMessageValidator(IOptions<AttachmentOptions> options)
    {
        RuleFor(c => c.Kind).NotNull().Must(k => k is MessageKind.Reply or MessageKind.Note)
            .WithMessage("kind is reply (to the customer) or note (internal).");
        RuleFor(c => c.Body).NotEmpty().MaximumLength(ComplaintLimits.MessageBody);
        RuleFor(c => c.AttachmentIds).Must(ids => ids!.Count <= options.Value.MaxPerMessage).When(c => c.AttachmentIds is not null)
            .WithMessage($"A message carries at most {options.Value.MaxPerMessage} attachments.");
    }
}

/// <summary>
/// A reply or an internal note, its timeline event, the uploaded attachments it carries and, for a reply
/// to a customer with an email address, the outbox row of the email: one transaction, all or nothing.
/// </summary>
public sealed class PostMessageHandler(AppDbContext db, CurrentActor current, CustomerEmails emails, ComplaintAccess access, TimeProvider clock)
    : ICommandHandler<PostMessageCommand, MessageView>
{
    public async ValueTask<MessageView> Handle(PostMessageCommand command, CancellationToken ct)
    {
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);
        // Anyone in the workspace may add a note; what goes to the customer comes from whoever works the complaint.
        if (command.Kind == MessageKind.Reply) await access.EnsureMayWorkOnAsync(complaint, ct);
        var attachments = await AttachmentsAsync(command, ct);
        var (actor, now, kind) = (current.Get(), clock.GetUtcNow(), command.Kind!.Value);
        var message = new ComplaintMessage
        {
            Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, Kind = kind, Body = command.Body!.Trim(),
            AuthorKind = actor.Kind, AuthorId = actor.Id, AuthorName = actor.Name, CreatedAt = now, Delivery = MessageDelivery.Internal,
        };
        if (kind == MessageKind.Reply)
        {
            var email = await emails.QueueAsync(complaint, TemplateCatalog.Reply, message.Body, ct);
            message.Delivery = email is null ? MessageDelivery.NoCustomerEmail : MessageDelivery.Queued;
            message.EmailMessageId = email?.EmailMessageId;
        }
        db.ComplaintMessages.Add(message);
        foreach (var attachment in attachments) attachment.MessageId = message.Id;
        complaint.RecordMessage(message, attachments.Count);
        return MessageView.From(message, attachments);
    }

    // Only this complaint's uploads that no message carries yet.
    private async Task<List<Attachment>> AttachmentsAsync(PostMessageCommand command, CancellationToken ct)
    {
        var ids = (command.AttachmentIds ?? []).Distinct().ToList();
        if (ids.Count == 0) return [];
        var found = await db.Attachments.Where(a => ids.Contains(a.Id) && a.ComplaintId == command.ComplaintId).ToListAsync(ct);
        if (found.Count != ids.Count)
            throw new ValidationException([new ValidationFailure("attachmentIds", "Each attachment must first be uploaded to this complaint.")]);
        if (found.Any(a => a.MessageId is not null))
            throw new ValidationException([new ValidationFailure("attachmentIds", "An attachment already belongs to another message.")]);
        return found;
    }
}

public static class PostMessageEndpoint
{
    public static RouteHandlerBuilder MapPostMessage(this IEndpointRouteBuilder api) =>
        api.MapPost("/complaints/{id:guid}/messages", async (Guid id, PostMessageBody body, ISender sender, CancellationToken ct) =>
            {
                var message = await sender.Send(new PostMessageCommand(id, body.Kind, body.Body, body.AttachmentIds), ct);
                return TypedResults.Created($"/api/v1/complaints/{id}/messages", message);
            })
            .WithName("PostMessage").WithTags("Messages")
            .WithSummary("Reply to the customer or add an internal note")
            .WithDescription("Body: kind (reply | note), body, attachmentIds (uploaded first through POST …/attachments). A reply is " +
                             "shown on the customer's status page and, when the complaint has a customer email, mailed through the outbox " +
                             "(delivery: queued); without an address it is stored only (delivery: no_customer_email). A note never leaves " +
                             "the workspace (delivery: internal). Each message is a timeline event. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
}
