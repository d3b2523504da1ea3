using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.GetRegulatoryProfiles;
using ComplaintCloud.Api.Features.SlaPolicies.PutRegulatoryProfiles;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.SlaPolicies.RegulatoryProfilesSettings;

/// <summary>Settings → Regulatory profiles: attach or detach each known profile, saved as one set with the API's command.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class RegulatoryProfilesModel(ISender sender, AppDbContext db, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty] public List<ProfileInput> Input { get; set; } = [];
    public SlaFormChoices Choices { get; private set; } = new([], []);
    public bool Saved { get; private set; }

    public sealed class ProfileInput
    {
        public string Profile { get; set; } = "";
        public bool Attached { get; set; }
        public Guid? CalendarId { get; set; }
        public List<string> Severities { get; set; } = [];
        public List<string> Channels { get; set; } = [];
        public List<Guid> CategoryIds { get; set; } = [];
        public string? Tags { get; set; }
        public string? CustomerTiers { get; set; }
        public string? AtRiskPercents { get; set; } = "50, 80";
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Choices = await SlaFormChoices.LoadAsync(db, ct);
        var attached = (await sender.Send(new GetRegulatoryProfilesQuery(), ct)).ToDictionary(a => a.Profile);
        Input = RegulatoryProfiles.All.Select(p => attached.TryGetValue(p.Name, out var a)
            ? new ProfileInput
            {
                Profile = p.Name, Attached = true, CalendarId = a.CalendarId, Severities = [.. a.Conditions.Severities], Channels = [.. a.Conditions.Channels],
                CategoryIds = [.. a.Conditions.CategoryIds], Tags = string.Join(", ", a.Conditions.Tags),
                CustomerTiers = string.Join(", ", a.Conditions.CustomerTiers), AtRiskPercents = string.Join(", ", a.AtRiskPercents),
            }
            : new ProfileInput { Profile = p.Name, CalendarId = Choices.Calendars.FirstOrDefault()?.Id }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await SlaFormChoices.LoadAsync(db, ct);
        // Only known profiles, in their order, whatever the form sent.
        Input = RegulatoryProfiles.All.Select(p => Input.FirstOrDefault(i => i.Profile == p.Name) ?? new ProfileInput { Profile = p.Name }).ToList();
        var set = new List<RegulatoryProfileInput?>();
        for (var i = 0; i < Input.Count; i++)
        {
            var p = Input[i];
            if (!p.Attached) continue;
            if (!SlaFormChoices.TryParsePercents(p.AtRiskPercents, out var percents))
                ModelState.AddModelError($"Input[{i}].AtRiskPercents", T["Enter whole percentages separated by commas, e.g. 50, 80."]);
            set.Add(new RegulatoryProfileInput(p.Profile, p.CalendarId,
                new SlaConditionsInput(p.Severities, p.CategoryIds, p.Channels, SlaFormChoices.SplitList(p.Tags), SlaFormChoices.SplitList(p.CustomerTiers)),
                percents ?? []));
        }
        if (!ModelState.IsValid) return Page();
        (Saved, _) = await sender.TrySendAsync(new PutRegulatoryProfilesCommand(set), ModelState, "Input", ct);
        return Page();
    }
}
