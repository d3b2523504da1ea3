using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;

/// <summary>
/// The data an action may carry; which fields an action needs is checked per action:
/// assess (valid, reason when invalid, classification), assign (departmentId and/or assigneeUserId),
/// record-findings (rootCause, responsibleParty), propose-solution (remedyType, description, amount+currency),
/// send-back / customer-reject / reopen / await-customer (reason), close (summary, lessonsLearned).
/// </summary>
public sealed record ComplaintActionRequest(
    string? Message = null, bool? Valid = null, string? Reason = null,
    ComplaintSeverity? Severity = null, ComplaintCause? Cause = null, ComplaintPurpose? Purpose = null,
    CustomerBehaviour? CustomerBehaviour = null, Guid? DepartmentId = null, Guid? AssigneeUserId = null,
    string? RootCause = null, ResponsibleParty? ResponsibleParty = null, Guid? ResponsibleDepartmentId = null,
    RemedyType? RemedyType = null, decimal? Amount = null, string? Currency = null, string? Description = null,
    string? Summary = null, string? LessonsLearned = null);

public sealed record PerformComplaintActionCommand(Guid ComplaintId, ComplaintAction Action, ComplaintActionRequest Data, string? IfMatch = null)
    : ICommand<ComplaintView>;

public sealed class PerformComplaintActionValidator : AbstractValidator<PerformComplaintActionCommand>
{
    private static readonly ComplaintAction[] NeedReason =
        [ComplaintAction.SendBack, ComplaintAction.CustomerReject, ComplaintAction.Reopen, ComplaintAction.AwaitCustomer];

    public PerformComplaintActionValidator()
    {
        RuleFor(c => c.Data).NotNull();
        When(c => c.Data is not null, () =>
        {
            RuleFor(c => c.Data.Message).MaximumLength(ComplaintLimits.ActionMessage);
            RuleFor(c => c.Data.Reason).MaximumLength(ComplaintLimits.Reason);
            RuleFor(c => c.Data.Summary).MaximumLength(ComplaintLimits.ClosingSummary);
            RuleFor(c => c.Data.LessonsLearned).MaximumLength(ComplaintLimits.LessonsLearned);
            RuleFor(c => c.Data.RootCause).MaximumLength(ComplaintLimits.RootCause);
            RuleFor(c => c.Data.Description).MaximumLength(ComplaintLimits.RemedyDescription);

            RuleFor(c => c.Data.Valid).NotNull().When(c => c.Action == ComplaintAction.Assess)
                .WithMessage("Say whether the complaint is valid.");
            RuleFor(c => c.Data.Reason).NotEmpty().When(c => c.Action == ComplaintAction.Assess && c.Data.Valid == false)
                .WithMessage("Give the reason the complaint is not valid; it goes into the reply.");
            RuleFor(c => c.Data.Reason).NotEmpty().When(c => NeedReason.Contains(c.Action)).WithMessage("Give a reason.");

            RuleFor(c => c.Data).Must(d => d.DepartmentId is not null || d.AssigneeUserId is not null)
                .When(c => c.Action == ComplaintAction.Assign).WithMessage("Give a department, an assignee, or both.");

            RuleFor(c => c.Data.RootCause).NotEmpty().When(c => c.Action == ComplaintAction.RecordFindings);
            RuleFor(c => c.Data.ResponsibleParty).NotNull().When(c => c.Action == ComplaintAction.RecordFindings);

            RuleFor(c => c.Data.RemedyType).NotNull().When(c => c.Action == ComplaintAction.ProposeSolution);
            RuleFor(c => c.Data.Description).NotEmpty().When(c => c.Action == ComplaintAction.ProposeSolution);
            RuleFor(c => c.Data.Amount).GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m).When(c => c.Data.Amount is not null);
            RuleFor(c => c.Data.Currency).NotEmpty().Length(3).Matches("^[A-Za-z]{3}$")
                .When(c => c.Action == ComplaintAction.ProposeSolution && c.Data.Amount is not null)
                .WithMessage("An amount needs its ISO 4217 currency (for example USD, CNY).");

            RuleFor(c => c.Data.Summary).NotEmpty().When(c => c.Action == ComplaintAction.Close)
                .WithMessage("Closing needs a summary.");
        });
    }
}

public sealed class PerformComplaintActionHandler(AppDbContext db, CurrentActor current, ComplaintAccess access, TimeProvider clock)
    : ICommandHandler<PerformComplaintActionCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(PerformComplaintActionCommand command, CancellationToken ct)
    {
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);
        ETags.EnsureMatches(command.IfMatch, complaint.Version);
        await access.EnsureMayWorkOnAsync(complaint, ct);
        var policy = await db.ApprovalPolicyAsync(ct);
        var (context, d) = (current.Context(clock.GetUtcNow(), policy), command.Data);

        switch (command.Action)
        {
            case ComplaintAction.Acknowledge: complaint.Acknowledge(context, d.Message); break;
            case ComplaintAction.Assess:
                complaint.Assess(context, d.Valid!.Value, d.Reason, d.Severity, d.Cause, d.Purpose, d.CustomerBehaviour);
                break;
            case ComplaintAction.Assign:
                ComplaintWorkflow.Ensure(complaint, ComplaintAction.Assign, policy); // a 409 beats checking the target
                await access.EnsureAssignableAsync(complaint, d.DepartmentId, d.AssigneeUserId, ct);
                complaint.Assign(context, d.DepartmentId, d.AssigneeUserId);
                break;
            case ComplaintAction.RecordFindings:
                ComplaintWorkflow.Ensure(complaint, ComplaintAction.RecordFindings, policy);
                await db.EnsureDepartmentUsableAsync(d.ResponsibleDepartmentId, "responsibleDepartmentId", ct);
                complaint.RecordFindings(context, d.RootCause!, d.ResponsibleParty!.Value, d.ResponsibleDepartmentId);
                break;
            case ComplaintAction.ProposeSolution:
                complaint.ProposeSolution(context, d.RemedyType!.Value, d.Amount, d.Currency, d.Description!);
                break;
            case ComplaintAction.RequestApproval: complaint.RequestApproval(context); break;
            case ComplaintAction.Approve: complaint.Approve(context, d.Message); break;
            case ComplaintAction.SendBack: complaint.SendBack(context, d.Reason!); break;
            case ComplaintAction.Implement: complaint.Implement(context, d.Message); break;
            case ComplaintAction.Resolve: complaint.Resolve(context, d.Summary ?? d.Message); break;
            case ComplaintAction.CustomerAccept: complaint.CustomerAccept(context, d.Message); break;
            case ComplaintAction.CustomerReject: complaint.CustomerReject(context, d.Reason!); break;
            case ComplaintAction.Reopen: complaint.Reopen(context, d.Reason!); break;
            case ComplaintAction.Close: complaint.Close(context, d.Summary!, d.LessonsLearned); break;
            case ComplaintAction.AwaitCustomer: complaint.AwaitCustomer(context, d.Reason!); break;
            case ComplaintAction.Resume: complaint.Resume(context, d.Message); break;
            default: throw new BadRequestException("Unknown action.");
        }

        await db.SaveChangesAsync(ct); // the view carries the new row version
        return ComplaintView.From(complaint, policy);
    }
}
