using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Settings;

public sealed record GetReturnVisitSettingsQuery : IQuery<ReturnVisitSettingsView>;

public sealed class GetReturnVisitSettingsHandler(AppDbContext db) : IQueryHandler<GetReturnVisitSettingsQuery, ReturnVisitSettingsView>
{
    public async ValueTask<ReturnVisitSettingsView> Handle(GetReturnVisitSettingsQuery query, CancellationToken ct) =>
        ReturnVisitSettingsView.Of(await db.ReturnVisitSettingsAsync(ct));
}

public sealed record PutReturnVisitSettingsCommand(ReturnVisitSettingsRequest Settings) : ICommand<ReturnVisitSettingsView>;

public sealed class PutReturnVisitSettingsValidator : AbstractValidator<PutReturnVisitSettingsCommand>
{
    public const int MaxBusinessDays = 30, MaxCalendarDays = 60, MaxCalendarMinutes = 60 * 24 * 60;
    public const int MaxReminderDays = 30, MaxExpireDays = 90, MaxPhoneAttempts = 10;

    public PutReturnVisitSettingsValidator()
    {
        RuleFor(c => c.Settings).NotNull().WithMessage("Send the settings.");
        When(c => c.Settings is not null, () =>
        {
            RuleFor(c => c.Settings.Delay).NotNull().OverridePropertyName("delay").WithMessage("Say how long after resolve the visit is due.");
            RuleFor(c => c.Settings.Delay!.Unit).NotNull().OverridePropertyName("delay.unit")
                .WithMessage("The delay's unit is business_days, calendar_days or calendar_minutes.").When(c => c.Settings.Delay is not null);
            RuleFor(c => c.Settings.Delay!.Amount).Cascade(CascadeMode.Stop).NotNull().OverridePropertyName("delay.amount").WithMessage("Give the delay's amount.")
                .Must((c, amount) => amount >= 0 && amount <= MaxFor(c.Settings.Delay!.Unit)).OverridePropertyName("delay.amount")
                .WithMessage(c => $"The delay is 0 to {MaxFor(c.Settings.Delay!.Unit)} {Wire(c.Settings.Delay!.Unit)}.")
                .When(c => c.Settings.Delay is not null);
            RuleFor(c => c.Settings.Channels).NotNull().OverridePropertyName("channels").WithMessage("List the channels (email_link, phone), or none to turn visits off.")
                .Must(c => c is null || c.Distinct().Count() == c.Count).OverridePropertyName("channels").WithMessage("A channel is listed twice.");
            RuleFor(c => c.Settings.ReminderAfterDays).Cascade(CascadeMode.Stop).NotNull().OverridePropertyName("reminderAfterDays").WithMessage("Give the reminder's delay in days.")
                .InclusiveBetween(1, MaxReminderDays).OverridePropertyName("reminderAfterDays").WithMessage($"The reminder is 1 to {MaxReminderDays} days after the survey.");
            RuleFor(c => c.Settings.ExpireAfterDays).Cascade(CascadeMode.Stop).NotNull().OverridePropertyName("expireAfterDays").WithMessage("Give the expiry in days.")
                .InclusiveBetween(1, MaxExpireDays).OverridePropertyName("expireAfterDays").WithMessage($"A visit expires 1 to {MaxExpireDays} days after it starts.")
                .GreaterThan(c => c.Settings.ReminderAfterDays).OverridePropertyName("expireAfterDays").WithMessage("A visit expires after its reminder.")
                .When(c => c.Settings.ReminderAfterDays is not null, ApplyConditionTo.CurrentValidator);
            RuleFor(c => c.Settings.DissatisfiedWhen).NotNull().OverridePropertyName("dissatisfiedWhen").WithMessage("Say which answers count as dissatisfied.");
            RuleFor(c => c.Settings.DissatisfiedWhen!.CsatAtMost).InclusiveBetween(1, 4).OverridePropertyName("dissatisfiedWhen.csatAtMost")
                .WithMessage("csatAtMost is 1 to 4 (CSAT runs 1 to 5), or null.").When(c => c.Settings.DissatisfiedWhen?.CsatAtMost is not null);
            RuleFor(c => c.Settings.DissatisfiedWhen!.NotSolved).NotNull().OverridePropertyName("dissatisfiedWhen.notSolved")
                .WithMessage("notSolved is true or false.").When(c => c.Settings.DissatisfiedWhen is not null);
            RuleFor(c => c.Settings.OnDissatisfied).NotNull().OverridePropertyName("onDissatisfied").WithMessage("onDissatisfied is reopen or follow_up.");
            RuleFor(c => c.Settings.MaxPhoneAttempts).InclusiveBetween(1, MaxPhoneAttempts).OverridePropertyName("maxPhoneAttempts")
                .WithMessage($"maxPhoneAttempts is 1 to {MaxPhoneAttempts}.").When(c => c.Settings.MaxPhoneAttempts is not null);
        });
    }

    private static int MaxFor(ReturnVisitDelayUnit? unit) => unit switch
    {
        ReturnVisitDelayUnit.BusinessDays => MaxBusinessDays,
        ReturnVisitDelayUnit.CalendarDays => MaxCalendarDays,
        _ => MaxCalendarMinutes,
    };

    private static string Wire(ReturnVisitDelayUnit? unit) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName((unit ?? ReturnVisitDelayUnit.CalendarMinutes).ToString());
}

/// <summary>A full replacement; applies to resolutions from now on (visits already scheduled keep their timing).</summary>
public sealed class PutReturnVisitSettingsHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<PutReturnVisitSettingsCommand, ReturnVisitSettingsView>
{
    public async ValueTask<ReturnVisitSettingsView> Handle(PutReturnVisitSettingsCommand command, CancellationToken ct)
    {
        var s = command.Settings;
        var row = await db.ReturnVisitSettings.SingleOrDefaultAsync(ct);
        if (row is null)
        {
            row = ReturnVisitSettings.Defaults(db.CurrentTenantId!.Value);
            db.ReturnVisitSettings.Add(row);
        }
        row.DelayAmount = s.Delay!.Amount!.Value;
        row.DelayUnit = s.Delay.Unit!.Value;
        // Email first: with both, the phone visit is the fallback for an unanswered email.
        row.Channels = [.. s.Channels!.Distinct().OrderBy(c => c)];
        row.ReminderAfterDays = s.ReminderAfterDays!.Value;
        row.ExpireAfterDays = s.ExpireAfterDays!.Value;
        row.DissatisfiedCsatAtMost = s.DissatisfiedWhen!.CsatAtMost;
        row.DissatisfiedWhenNotSolved = s.DissatisfiedWhen.NotSolved!.Value;
        row.OnDissatisfied = s.OnDissatisfied!.Value;
        row.CloseOnSatisfied = s.CloseOnSatisfied ?? row.CloseOnSatisfied;
        row.MaxPhoneAttempts = s.MaxPhoneAttempts ?? row.MaxPhoneAttempts;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ReturnVisitSettingsView.Of(row);
    }
}

public static class ReturnVisitSettingsEndpoints
{
    public static void MapReturnVisitSettings(this IEndpointRouteBuilder api)
    {
        api.MapGet("/settings/return-visits", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReturnVisitSettingsQuery(), ct)))
            .WithName("GetReturnVisitSettings").WithTags("Return visits")
            .WithSummary("The workspace's return-visit (回访) settings")
            .WithDescription(Description)
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
        api.MapPut("/settings/return-visits", async (ReturnVisitSettingsRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PutReturnVisitSettingsCommand(body), ct)))
            .WithName("PutReturnVisitSettings").WithTags("Return visits")
            .WithSummary("Replace the workspace's return-visit settings")
            .WithDescription(Description + " PUT is a full replacement (closeOnSatisfied and maxPhoneAttempts keep their value when left out); " +
                             "it applies to complaints resolved from then on.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
    }

    private const string Description =
        "delay: how long after resolve the visit is due, {amount, unit}: business_days (0–30, on the complaint's SLA calendar), " +
        "calendar_days (0–60) or calendar_minutes. channels: email_link (a signed survey link by email), phone (an agent's call), " +
        "both (the email first; a phone visit is due when it is unanswered at the reminder) or [] (no visits). reminderAfterDays: " +
        "the reminder email this many days after the survey; expireAfterDays: an unanswered visit expires then (after the " +
        "reminder). dissatisfiedWhen: an answer with CSAT ≤ csatAtMost, or 'not solved' when notSolved, is dissatisfied; " +
        "onDissatisfied: reopen (customer-reject) or follow_up (a task for the department's supervisors). closeOnSatisfied: a " +
        "satisfied answer records customer-accept and, when true, closes the complaint with its resolution summary. " +
        "maxPhoneAttempts: calls that do not reach the customer before the visit is unreachable.";
}
