using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.CreateSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.GetSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.UpdateSlaPolicy;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.SlaPolicies.SlaPoliciesSettings;

/// <summary>Settings → SLA policies → add or edit one: the same create and replace commands as the API.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class SlaPolicyEditModel(ISender sender, AppDbContext db, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty] public PolicyInput Input { get; set; } = new();
    public SlaFormChoices Choices { get; private set; } = new([], []);
    public bool IsDefault { get; private set; }

    public sealed class PolicyInput
    {
        public string? Name { get; set; }
        public int? Position { get; set; }
        public Guid? CalendarId { get; set; }
        public SlaConditionsForm Conditions { get; set; } = new();
        public string? AtRiskPercents { get; set; } = "50, 80";
        /// <summary>One row per clock, in <see cref="SlaClocks.Internal"/> order; a row without an amount has no target.</summary>
        public List<TargetRow> Targets { get; set; } = [];
        public uint? Version { get; set; }
    }

    public sealed class TargetRow
    {
        public string Clock { get; set; } = "";
        public int? Amount { get; set; }
        public string Unit { get; set; } = SlaUnits.BusinessMinutes;
        public List<string> PauseWhen { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Choices = await SlaFormChoices.LoadAsync(db, ct);
        if (id is null)
        {
            Input.CalendarId = Choices.Calendars.FirstOrDefault()?.Id;
            Input.Targets = Rows(null, SlaDefaults.PauseWhen());
            return Page();
        }
        SlaPolicyView policy;
        try { policy = await sender.Send(new GetSlaPolicyQuery(id.Value), ct); }
        catch (NotFoundException) { return NotFound(); }
        IsDefault = policy.IsDefault;
        Input = new PolicyInput
        {
            Name = policy.Name, Position = policy.IsDefault ? null : policy.Position, CalendarId = policy.CalendarId,
            Conditions = SlaConditionsForm.From(policy.Conditions),
            AtRiskPercents = string.Join(", ", policy.AtRiskPercents), Targets = Rows(policy.Targets, policy.PauseWhen), Version = policy.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Choices = await SlaFormChoices.LoadAsync(db, ct);
        // Rows come back in clock order; the clock names are ours, not the form's.
        Input.Targets = SlaClocks.Internal.Select((clock, i) => Input.Targets.ElementAtOrDefault(i) is { } row ? row : new TargetRow())
            .Select((row, i) => { row.Clock = SlaClocks.Internal[i]; return row; }).ToList();
        if (id is not null)
        {
            try { IsDefault = (await sender.Send(new GetSlaPolicyQuery(id.Value), ct)).IsDefault; }
            catch (NotFoundException) { return NotFound(); }
        }
        if (!SlaFormChoices.TryParsePercents(Input.AtRiskPercents, out var percents))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(PolicyInput.AtRiskPercents)}", T["Enter whole percentages separated by commas, e.g. 50, 80."]);
        if (!ModelState.IsValid) return Page();

        var request = new SlaPolicyRequest(Input.Name, Input.Position, Input.CalendarId,
            Input.Conditions.ToInput(),
            Input.Targets.Where(r => r.Amount is not null).Select(r => (SlaTargetInput?)new SlaTargetInput(r.Clock, r.Amount, r.Unit)).ToList(),
            Input.Targets.Where(r => r.PauseWhen.Count > 0).ToDictionary(r => r.Clock, r => (IReadOnlyList<string?>?)r.PauseWhen.ToList<string?>()),
            percents ?? []);
        var (ok, _) = id is { } policyId
            ? await sender.TrySendAsync(new UpdateSlaPolicyCommand(policyId, request, Input.Version is { } v ? ETags.From(v) : null), ModelState, nameof(Input), ct)
            : await sender.TrySendAsync(new CreateSlaPolicyCommand(request), ModelState, nameof(Input), ct);
        return ok ? Redirect("/admin/settings/sla-policies") : Page();
    }

    private static List<TargetRow> Rows(IReadOnlyList<SlaTargetView>? targets, IReadOnlyDictionary<string, IReadOnlyList<string>> pauseWhen) =>
        SlaClocks.Internal.Select(clock =>
        {
            var target = targets?.FirstOrDefault(t => t.Clock == clock);
            return new TargetRow
            {
                Clock = clock, Amount = target?.Amount, Unit = target?.Unit ?? SlaUnits.BusinessMinutes,
                PauseWhen = pauseWhen.TryGetValue(clock, out var statuses) ? [.. statuses] : [],
            };
        }).ToList();

    private static List<TargetRow> Rows(IReadOnlyList<SlaTargetView>? targets, Dictionary<string, List<string>> pauseWhen) =>
        Rows(targets, pauseWhen.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value));
}
