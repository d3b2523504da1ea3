using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.ReturnVisits.Shared;

/// <summary>When a visit is scheduled after resolve: an amount of business days (on the complaint's SLA calendar), calendar days or minutes.</summary>
public sealed record ReturnVisitDelayInput([property: Required] int? Amount, [property: Required] ReturnVisitDelayUnit? Unit);

/// <summary>Which answer counts as dissatisfied: a CSAT at most this (null: CSAT does not decide), or "not solved".</summary>
public sealed record DissatisfiedWhenInput(int? CsatAtMost, [property: Required] bool? NotSolved);

/// <summary>The settings as PUT replaces them (see <see cref="ReturnVisitSettingsView"/>).</summary>
public sealed record ReturnVisitSettingsRequest(
    [property: Required] ReturnVisitDelayInput? Delay,
    [property: Required] List<ReturnVisitChannel>? Channels,
    [property: Required] int? ReminderAfterDays,
    [property: Required] int? ExpireAfterDays,
    [property: Required] DissatisfiedWhenInput? DissatisfiedWhen,
    [property: Required] DissatisfiedAction? OnDissatisfied,
    bool? CloseOnSatisfied = null,
    int? MaxPhoneAttempts = null);

public sealed record ReturnVisitDelay(int Amount, ReturnVisitDelayUnit Unit);

public sealed record DissatisfiedWhen(int? CsatAtMost, bool NotSolved);

/// <summary>
/// A workspace's return-visit settings. channels: [] turns visits off; with both, the email goes first and a phone visit
/// is due when it is unanswered at the reminder.
/// </summary>
public sealed record ReturnVisitSettingsView(ReturnVisitDelay Delay, IReadOnlyList<ReturnVisitChannel> Channels, int ReminderAfterDays,
    int ExpireAfterDays, DissatisfiedWhen DissatisfiedWhen, DissatisfiedAction OnDissatisfied, bool CloseOnSatisfied, int MaxPhoneAttempts)
{
    public static ReturnVisitSettingsView Of(ReturnVisitSettings s) => new(
        new ReturnVisitDelay(s.DelayAmount, s.DelayUnit), [.. s.Channels], s.ReminderAfterDays, s.ExpireAfterDays,
        new DissatisfiedWhen(s.DissatisfiedCsatAtMost, s.DissatisfiedWhenNotSolved), s.OnDissatisfied, s.CloseOnSatisfied, s.MaxPhoneAttempts);
}

public static class ReturnVisitSettingsStore
{
    /// <summary>The workspace's settings, or the defaults while it has not saved its own (not tracked).</summary>
    public static async Task<ReturnVisitSettings> ReturnVisitSettingsAsync(this AppDbContext db, CancellationToken ct) =>
        await db.ReturnVisitSettings.AsNoTracking().SingleOrDefaultAsync(ct)
        ?? ReturnVisitSettings.Defaults(db.CurrentTenantId ?? throw new InvalidOperationException("No tenant."));
}
