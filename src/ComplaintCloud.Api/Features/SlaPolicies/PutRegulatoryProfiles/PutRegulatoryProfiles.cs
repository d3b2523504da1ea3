using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.PutRegulatoryProfiles;

public sealed record PutRegulatoryProfilesCommand(IReadOnlyList<RegulatoryProfileInput?>? Profiles) : ICommand<IReadOnlyList<RegulatoryProfileView>>;

public sealed class PutRegulatoryProfilesValidator : AbstractValidator<PutRegulatoryProfilesCommand>
{
    public PutRegulatoryProfilesValidator() =>
        RuleFor(c => c.Profiles).Custom((profiles, context) =>
        {
            foreach (var failure in Check(profiles)) context.AddFailure(failure);
        });

    /// <summary>Field names as the array body spells them: "[1].profile", "[0].conditions.severities[2]".</summary>
    public static IEnumerable<ValidationFailure> Check(IReadOnlyList<RegulatoryProfileInput?>? profiles)
    {
        if (profiles is null)
        {
            yield return new("", "Send an array of profiles to attach ([] detaches them all).");
            yield break;
        }
        for (var i = 0; i < profiles.Count; i++)
        {
            var field = $"[{i}]";
            if (profiles[i] is not { } p)
            {
                yield return new(field, "Give profile and calendarId.");
                continue;
            }
            if (p.Profile is null || RegulatoryProfiles.Find(p.Profile) is null)
                yield return new($"{field}.profile", $"Known profiles: {string.Join(", ", RegulatoryProfiles.Names)}.");
            else if (profiles.Take(i).Any(o => o?.Profile == p.Profile))
                yield return new($"{field}.profile", $"'{p.Profile}' is listed twice; attach each profile once.");
            if (p.CalendarId is null) yield return new($"{field}.calendarId", "Give the calendar the profile counts business days on.");
            foreach (var failure in SlaPolicyRules.CheckConditions(p.Conditions, $"{field}.conditions")) yield return failure;
            foreach (var failure in SlaPolicyRules.CheckAtRiskPercents(p.AtRiskPercents, $"{field}.atRiskPercents")) yield return failure;
        }
    }
}

/// <summary>Replaces the set: profiles left out are detached, listed ones attached or changed.</summary>
public sealed class PutRegulatoryProfilesHandler(AppDbContext db, TimeProvider clock)
    : ICommandHandler<PutRegulatoryProfilesCommand, IReadOnlyList<RegulatoryProfileView>>
{
    public async ValueTask<IReadOnlyList<RegulatoryProfileView>> Handle(PutRegulatoryProfilesCommand command, CancellationToken ct)
    {
        var given = command.Profiles!.OfType<RegulatoryProfileInput>().ToList();
        for (var i = 0; i < given.Count; i++)
        {
            await db.EnsureCalendarAsync(given[i].CalendarId!.Value, ct, $"[{i}].calendarId");
            await db.EnsureCategoriesAsync(SlaPolicyRules.ToConditions(given[i].Conditions).CategoryIds, ct, $"[{i}].conditions.categoryIds");
        }

        var now = clock.GetUtcNow();
        var existing = await db.RegulatoryProfiles.ToDictionaryAsync(p => p.Profile, ct);
        foreach (var gone in existing.Values.Where(e => given.All(g => g.Profile != e.Profile))) db.RegulatoryProfiles.Remove(gone);
        foreach (var input in given)
        {
            if (!existing.TryGetValue(input.Profile!, out var attachment))
                db.RegulatoryProfiles.Add(attachment = new RegulatoryProfileAttachment { Profile = input.Profile! });
            attachment.CalendarId = input.CalendarId!.Value;
            attachment.Conditions = SlaPolicyRules.ToConditions(input.Conditions);
            attachment.AtRiskPercents = SlaPolicyRules.ToAtRiskPercents(input.AtRiskPercents);
            attachment.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return (await db.RegulatoryProfiles.AsNoTracking().OrderBy(p => p.Profile).ToListAsync(ct)).Select(RegulatoryProfileView.From).ToList();
    }
}

public static class PutRegulatoryProfilesEndpoint
{
    public static RouteHandlerBuilder MapPutRegulatoryProfiles(this IEndpointRouteBuilder api) =>
        api.MapPut("/settings/regulatory-profiles", async (IReadOnlyList<RegulatoryProfileInput?> body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PutRegulatoryProfilesCommand(body), ct)))
            .WithName("PutRegulatoryProfiles").WithTags("Settings")
            .WithSummary("Replace the regulatory profiles the workspace has attached")
            .WithDescription("Body: an array of {profile, calendarId, conditions, atRiskPercents}; the array replaces the set ([] detaches " +
                             "all). profile: uk_fca_disp, us_cfpb, au_asic_rg271 or cn_banking_insurance, each at most once. calendarId: " +
                             "one of the workspace's calendars (its business days and time zone count the deadlines). conditions: as an " +
                             "SLA policy's, empty lists match anything; every attached profile whose conditions hold applies to a " +
                             "complaint, its deadlines running as clocks named <profile>.<deadline> beside the policy's. atRiskPercents: " +
                             "1 to 99, distinct (left out: [50, 80]). Every refusal is a 400 naming the field, such as [1].profile.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
