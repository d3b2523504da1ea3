using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;

/// <summary>
/// Any workflow action, by its name, with its fields already read (from the API's JSON body or the admin's form). The
/// action's descriptor says what it needs and does; this slice only checks, loads, applies and saves.
/// </summary>
public sealed record PerformComplaintActionCommand(Guid ComplaintId, string Action, ComplaintActionInput Input, string? IfMatch = null)
    : ICommand<ComplaintView>;

public sealed class PerformComplaintActionValidator : AbstractValidator<PerformComplaintActionCommand>
{
    public PerformComplaintActionValidator(ComplaintActionCatalog actions)
    {
        RuleFor(c => c.Input).NotNull();
        RuleFor(c => c).Custom((command, context) =>
        {
            if (actions.Find(command.Action) is not { } action)
            {
                context.AddFailure("action", actions.Unknown);
                return;
            }
            foreach (var error in action.Check(command.Input ?? ComplaintActionInput.None)) context.AddFailure(error.Field, error.Message);
        });
    }
}

public sealed class PerformComplaintActionHandler(AppDbContext db, CurrentActor current, ComplaintAccess access,
    ComplaintActionCatalog actions, TimeProvider clock) : ICommandHandler<PerformComplaintActionCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(PerformComplaintActionCommand command, CancellationToken ct)
    {
        var action = actions.Find(command.Action)!; // the validator refused unknown names
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);
        ETags.EnsureMatches(command.IfMatch, complaint.Version);
        await access.EnsureMayWorkOnAsync(complaint, ct);
        var approval = await db.ApprovalPolicyAsync(ct);
        var context = current.Context(clock.GetUtcNow(), approval);

        action.EnsureAllowed(complaint, context); // a 403 or 409 comes before checking what the fields name
        await EnsureNamedThingsUsableAsync(complaint, action, command.Input, ct);
        action.Apply(complaint, context, command.Input);

        await db.SaveChangesAsync(ct); // the view carries the new row version
        return ComplaintView.From(complaint, approval, await access.AllowedActionsAsync(complaint, approval, ct));
    }

    // What only the workspace can answer, by the fields' kinds: a department must be usable, a member assignable.
    private async Task EnsureNamedThingsUsableAsync(Complaint complaint, ComplaintActionDescriptor action, ComplaintActionInput input,
        CancellationToken ct)
    {
        foreach (var field in action.Fields.Where(f => f.Kind == ActionFieldKind.Department))
            await db.EnsureDepartmentUsableAsync((Guid?)input.Value(field), field.Name, ct);
        foreach (var field in action.Fields.Where(f => f.Kind == ActionFieldKind.Member))
            if (input.Value(field) is Guid member)
            {
                var toDepartment = field.WithinDepartmentOf is { } department ? (Guid?)input.Value(department) : null;
                await access.EnsureAssignableAsync(complaint, toDepartment, member, field.Name, ct);
            }
    }
}
