using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Settings;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.ReturnVisits.SettingsScreen;

/// <summary>Settings → Return visits: the workspace's return-visit rules, saved with the API's PutReturnVisitSettingsCommand.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class ReturnVisitSettingsModel(ISender sender) : PageModel
{
    [BindProperty] public SettingsInput Input { get; set; } = new();
    public bool Saved { get; private set; }

    /// <summary>The form, shaped like the API's settings so that its errors (delay.amount, dissatisfiedWhen.csatAtMost) land on their field.</summary>
    public sealed class SettingsInput
    {
        public DelayInput Delay { get; set; } = new();
        public bool EmailLink { get; set; }
        public bool Phone { get; set; }
        public int? ReminderAfterDays { get; set; }
        public int? ExpireAfterDays { get; set; }
        public DissatisfiedInput DissatisfiedWhen { get; set; } = new();
        public DissatisfiedAction? OnDissatisfied { get; set; }
        public bool CloseOnSatisfied { get; set; }
        public int? MaxPhoneAttempts { get; set; }

        public static SettingsInput Of(ReturnVisitSettingsView s) => new()
        {
            Delay = new DelayInput { Amount = s.Delay.Amount, Unit = s.Delay.Unit },
            EmailLink = s.Channels.Contains(ReturnVisitChannel.EmailLink), Phone = s.Channels.Contains(ReturnVisitChannel.Phone),
            ReminderAfterDays = s.ReminderAfterDays, ExpireAfterDays = s.ExpireAfterDays,
            DissatisfiedWhen = new DissatisfiedInput { CsatAtMost = s.DissatisfiedWhen.CsatAtMost, NotSolved = s.DissatisfiedWhen.NotSolved },
            OnDissatisfied = s.OnDissatisfied, CloseOnSatisfied = s.CloseOnSatisfied, MaxPhoneAttempts = s.MaxPhoneAttempts,
        };

        public ReturnVisitSettingsRequest ToRequest() => new(new ReturnVisitDelayInput(Delay.Amount, Delay.Unit),
            [.. new[] { (EmailLink, ReturnVisitChannel.EmailLink), (Phone, ReturnVisitChannel.Phone) }.Where(c => c.Item1).Select(c => c.Item2)],
            ReminderAfterDays, ExpireAfterDays, new DissatisfiedWhenInput(DissatisfiedWhen.CsatAtMost, DissatisfiedWhen.NotSolved), OnDissatisfied,
            CloseOnSatisfied, MaxPhoneAttempts);
    }

    public sealed class DelayInput
    {
        public int? Amount { get; set; }
        public ReturnVisitDelayUnit? Unit { get; set; }
    }

    public sealed class DissatisfiedInput
    {
        /// <summary>Empty: CSAT does not decide.</summary>
        public int? CsatAtMost { get; set; }
        public bool NotSolved { get; set; }
    }

    public static readonly (ReturnVisitDelayUnit Unit, string Label)[] Units =
    [
        (ReturnVisitDelayUnit.BusinessDays, "business days"), (ReturnVisitDelayUnit.CalendarDays, "calendar days"),
        (ReturnVisitDelayUnit.CalendarMinutes, "minutes"),
    ];

    public async Task OnGetAsync(CancellationToken ct) => Input = SettingsInput.Of(await sender.Send(new GetReturnVisitSettingsQuery(), ct));

    // Binding failures (text in a number field) are already in ModelState; the command's rules add theirs next to the fields.
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, saved) = await sender.TrySendAsync(new PutReturnVisitSettingsCommand(Input.ToRequest()), ModelState, nameof(Input), ct);
            if (ok)
            {
                Saved = true;
                ModelState.Clear();
                Input = SettingsInput.Of(saved!);
            }
            else UnwrapSettingsErrors();
        }
        return Page();
    }

    /// <summary>The command's rules name fields inside its Settings (Settings.Delay.Amount): put them on the form's own field (Input.Delay.Amount).</summary>
    private void UnwrapSettingsErrors()
    {
        const string inner = nameof(Input) + "." + nameof(PutReturnVisitSettingsCommand.Settings) + ".";
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(inner, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            var errors = ModelState[key]!.Errors.Select(e => e.ErrorMessage).ToList();
            ModelState.Remove(key);
            foreach (var error in errors) ModelState.AddModelError(nameof(Input) + "." + key[inner.Length..], error);
        }
    }
}
