using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.FollowUps;

/// <summary>Marks a follow-up done with a note of what was done; it leaves the Follow-ups queue.</summary>
public sealed record CompleteFollowUpCommand(Guid FollowUpId, string? Note) : ICommand;

public sealed class CompleteFollowUpValidator : AbstractValidator<CompleteFollowUpCommand>
{
    public const int MaxNote = 2000;

    public CompleteFollowUpValidator()
    {
        RuleFor(c => c.Note).NotEmpty().WithName("note").WithMessage("Say what was done.")
            .MaximumLength(MaxNote).WithName("note").WithMessage($"The note is at most {MaxNote:N0} characters.");
    }
}

public sealed class CompleteFollowUpHandler(AppDbContext db, CurrentActor current, TimeProvider clock) : ICommandHandler<CompleteFollowUpCommand>
{
    public async ValueTask<Unit> Handle(CompleteFollowUpCommand command, CancellationToken ct)
    {
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == command.FollowUpId, ct) ?? throw new NotFoundException("Follow-up");
        if (followUp.Status == FollowUpStatus.Done) throw new ConflictException("This follow-up is already done.");
        var now = clock.GetUtcNow();
        var actor = current.Get();
        var note = command.Note!.Trim();
        followUp.Status = FollowUpStatus.Done;
        followUp.DoneAt = now;
        followUp.DoneByUserId = actor.Id;
        followUp.DoneByName = actor.Name;
        followUp.Note = note;
        var complaint = await db.Complaints.GetAsync(followUp.ComplaintId, ct);
        complaint.RecordFollowUp(actor, now, new FollowUpDone(followUp.Id, note));
        return Unit.Value;
    }
}
