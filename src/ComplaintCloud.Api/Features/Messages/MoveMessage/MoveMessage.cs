using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Messages.MoveMessage;

public sealed record MoveMessageBody([property: Required] Guid? ToComplaintId);

public sealed record MoveMessageCommand(Guid ComplaintId, Guid MessageId, Guid? ToComplaintId) : ICommand<MessageView>;

public sealed class MoveMessageValidator : AbstractValidator<MoveMessageCommand>
{
    public MoveMessageValidator()
    {
        RuleFor(c => c.ToComplaintId).NotNull().NotEqual(Guid.Empty).WithMessage("toComplaintId names the complaint to move the message to.");
        RuleFor(c => c.ToComplaintId).NotEqual(c => c.ComplaintId).WithMessage("The message is already on this complaint: name another one.");
    }
}

/// <summary>
/// Moves a customer's email to another complaint of the workspace (see <see cref="Domain.Complaint.MoveMessageTo"/>): whoever
/// moves it must be allowed to work both complaints. A complaint of another workspace is not found, like any other.
/// </summary>
public sealed class MoveMessageHandler(AppDbContext db, CurrentActor current, ComplaintAccess access, TimeProvider clock)
    : ICommandHandler<MoveMessageCommand, MessageView>
{
    public async ValueTask<MessageView> Handle(MoveMessageCommand command, CancellationToken ct)
    {
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);
        var message = await db.ComplaintMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId && m.ComplaintId == complaint.Id, ct)
                      ?? throw new NotFoundException("Message");
        var target = await db.Complaints.GetAsync(command.ToComplaintId!.Value, ct);
        await access.EnsureMayWorkOnAsync(complaint, ct);
        await access.EnsureMayWorkOnAsync(target, ct);
        var attachments = await db.Attachments.Where(a => a.MessageId == message.Id).OrderBy(a => a.Position).ToListAsync(ct);
        var email = message.EmailMessageId is { } emailId ? await db.InboundEmails.SingleOrDefaultAsync(e => e.MessageId == emailId, ct) : null;
        complaint.MoveMessageTo(target, message, attachments, email, current.Get(), clock.GetUtcNow());
        return MessageView.From(message, attachments);
    }
}

public static class MoveMessageEndpoint
{
    public static RouteHandlerBuilder MapMoveMessage(this IEndpointRouteBuilder api) =>
        api.MapPost("/complaints/{id:guid}/messages/{messageId:guid}/move",
                async (Guid id, Guid messageId, MoveMessageBody body, ISender sender, CancellationToken ct) =>
                    TypedResults.Ok(await sender.Send(new MoveMessageCommand(id, messageId, body.ToComplaintId), ct)))
            .WithName("MoveMessage").WithTags("Messages")
            .WithSummary("Move a customer's email to another complaint of the workspace")
            .WithDescription("Body: toComplaintId. For a customer writing from a second address, or an email filed on the wrong " +
                             "complaint. Only inbound messages move (409 for replies and notes); the target must be a complaint of " +
                             "this workspace (404 otherwise) other than the current one (400), and the caller must be allowed to work " +
                             "both complaints (403). The message's files and its email's thread go with it, so later answers to that " +
                             "email land on the target; the message becomes senderVerified there (an agent placed it), but its " +
                             "sender's address is not trusted for other emails. Both timelines record the move " +
                             "(complaint.message_moved_out, complaint.message_moved_in). Returns the message as it is now; 412 when " +
                             "someone moved it meanwhile.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
}
