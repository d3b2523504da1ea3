using ComplaintCloud.Api.Domain.Calendars;
using NodaTime;
using NodaTime.Extensions;

namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>
/// How far a clock's deadline lies from the start of its cycle. Day counting is one rule for every clock (DESIGN §5):
/// the start's local day is day 0; N calendar days end at the midnight that ends day N; N business days end at the
/// close of the last working interval of the Nth business day.
/// </summary>
/// <param name="Percents">At-risk thresholds in percent of the target; null keeps the timer's own.</param>
/// <param name="MovesOffNonWorkingDay">A calendar-day deadline whose last day is not a working day moves to the close of the next one.</param>
/// <param name="ManualDue">For unit "manual": the due given by hand.</param>
public sealed record SlaClockTarget(int Amount, string Unit, IReadOnlyList<int>? Percents, bool LapsesAtDue = false,
    bool MovesOffNonWorkingDay = false, DateTimeOffset? ManualDue = null)
{
    public const string Manual = "manual";

    public bool Business => Unit is SlaUnits.BusinessMinutes or SlaUnits.BusinessDays;

    public static SlaClockTarget ManualTarget(DateTimeOffset due, IReadOnlyList<int>? percents) => new(0, Manual, percents, ManualDue: due);

    public DateTimeOffset DeadlineFrom(BusinessTime time, DateTimeOffset start)
    {
        var from = start.ToInstant();
        var deadline = Unit switch
        {
            SlaUnits.BusinessMinutes => time.AddBusinessMinutes(from, Amount),
            SlaUnits.BusinessDays => time.EndOfBusinessDay(from, Amount),
            SlaUnits.CalendarDays => time.EndOfCalendarDay(from, Amount),
            SlaUnits.CalendarMinutes => from + Duration.FromMinutes(Amount),
            Manual => ManualDue!.Value.ToInstant(),
            _ => throw new InvalidOperationException($"Unknown SLA unit '{Unit}'."),
        };
        if (MovesOffNonWorkingDay) deadline = time.MoveOffNonWorkingDay(deadline);
        return deadline.ToDateTimeOffset();
    }
}
