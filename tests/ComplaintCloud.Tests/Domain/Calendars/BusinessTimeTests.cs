using ComplaintCloud.Api.Domain.Calendars;
using NodaTime;
using NodaTime.Text;

namespace ComplaintCloud.Tests.Domain.Calendars;

/// <summary>
/// Business-time arithmetic on hand-worked examples (DESIGN §5). Every expected instant is written in UTC and was worked out
/// from the zone's offsets on that day, which the comment beside it gives.
/// </summary>
public sealed class BusinessTimeTests
{
    private static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static BusinessTime Calendar(string zone, IEnumerable<WeeklyHours> weekly, IEnumerable<CalendarHoliday>? holidays = null,
        IEnumerable<ExtraWorkingDay>? extra = null) =>
        new(DateTimeZoneProviders.Tzdb[zone], false, new CalendarDefinition
        {
            WeeklyHours = weekly.ToList(), Holidays = (holidays ?? []).ToList(), ExtraWorkingDays = (extra ?? []).ToList(),
        });

    private static IEnumerable<WeeklyHours> Weekdays(string start, string end) =>
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new WeeklyHours(d, start, end));

    private static readonly CalendarHoliday[] EnglandBankHolidays2026 =
    [
        new("2026-01-01", "New Year's Day"), new("2026-04-03", "Good Friday"), new("2026-04-06", "Easter Monday"),
        new("2026-05-04", "Early May bank holiday"), new("2026-05-25", "Spring bank holiday"), new("2026-08-31", "Summer bank holiday"),
        new("2026-12-25", "Christmas Day"), new("2026-12-28", "Boxing Day (substitute day)"),
    ];

    private static BusinessTime LondonOffice() => Calendar("Europe/London", Weekdays("09:00", "17:30"), EnglandBankHolidays2026);

    private static BusinessTime ShanghaiBank() => Calendar("Asia/Shanghai",
        Weekdays("09:00", "12:00").Concat(Weekdays("13:00", "18:00")),
        Enumerable.Range(1, 7).Select(d => new CalendarHoliday($"2026-10-0{d}", "国庆节")),
        [new ExtraWorkingDay("2026-09-20", "09:00", "18:00"), new ExtraWorkingDay("2026-10-10", "09:00", "18:00")]);

    // ---- DST: Europe/London (2026-03-29 01:00 GMT → 02:00 BST; 2026-10-25 02:00 BST → 01:00 GMT)

    [Fact]
    public void London_night_shift_over_spring_forward_is_an_hour_shorter()
    {
        var nights = Calendar("Europe/London", [new WeeklyHours("saturday", "22:00", "06:00")]);
        // Sat 28 Mar 22:00 GMT = 22:00Z; Sun 29 Mar 06:00 BST = 05:00Z: 7 real hours.
        Assert.Equal(420, nights.BusinessMinutesBetween(Utc("2026-03-28T00:00:00Z"), Utc("2026-03-30T00:00:00Z")));
        Assert.Equal(Utc("2026-03-29T05:00:00Z"), nights.AddBusinessMinutes(Utc("2026-03-28T22:00:00Z"), 420));
        // Past 01:00Z the wall clock reads 02:00 BST: two hours of business time after 23:00Z is 01:00Z, not 02:00Z.
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), nights.AddBusinessMinutes(Utc("2026-03-28T23:00:00Z"), 120));
    }

    [Fact]
    public void London_night_shift_over_fall_back_is_an_hour_longer()
    {
        var nights = Calendar("Europe/London", [new WeeklyHours("saturday", "22:00", "06:00")]);
        // Sat 24 Oct 22:00 BST = 21:00Z; Sun 25 Oct 06:00 GMT = 06:00Z: 9 real hours.
        Assert.Equal(540, nights.BusinessMinutesBetween(Utc("2026-10-24T00:00:00Z"), Utc("2026-10-26T00:00:00Z")));
        Assert.Equal(Utc("2026-10-25T06:00:00Z"), nights.AddBusinessMinutes(Utc("2026-10-24T21:00:00Z"), 540));
    }

    [Fact]
    public void London_interval_starting_inside_the_spring_gap_starts_when_the_gap_ends()
    {
        var early = Calendar("Europe/London", [new WeeklyHours("sunday", "01:30", "03:00")]);
        // 01:30 does not exist on 29 Mar: the interval runs 02:00 BST (01:00Z) to 03:00 BST (02:00Z).
        Assert.Equal([(Utc("2026-03-29T01:00:00Z"), Utc("2026-03-29T02:00:00Z"))], early.IntervalsStartingOn(new LocalDate(2026, 3, 29)));
        Assert.Equal(Utc("2026-03-29T01:30:00Z"), early.AddBusinessMinutes(Utc("2026-03-28T12:00:00Z"), 30));
        // A week later the same interval is 90 minutes: 01:30 BST = 00:30Z.
        Assert.Equal(90, early.BusinessMinutesBetween(Utc("2026-04-05T00:00:00Z"), Utc("2026-04-06T00:00:00Z")));
    }

    [Fact]
    public void London_office_hours_move_with_the_offset()
    {
        var office = LondonOffice();
        // Fri 27 Mar 17:00 GMT (17:00Z) + 60: 30 minutes on Friday, then Mon 30 Mar 09:00 BST = 08:00Z + 30.
        Assert.Equal(Utc("2026-03-30T08:30:00Z"), office.AddBusinessMinutes(Utc("2026-03-27T17:00:00Z"), 60));
        // Fri 23 Oct 17:00 BST (16:00Z) + 60: Mon 26 Oct 09:00 GMT = 09:00Z + 30.
        Assert.Equal(Utc("2026-10-26T09:30:00Z"), office.AddBusinessMinutes(Utc("2026-10-23T16:00:00Z"), 60));
    }

    // ---- DST: America/New_York (2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST)

    [Fact]
    public void New_York_spring_forward_weekend()
    {
        var office = Calendar("America/New_York", Weekdays("09:00", "17:00"));
        // Fri 6 Mar 16:00 EST = 21:00Z: 60 on Friday; Mon 9 Mar 09:00 EDT = 13:00Z + 60 = 14:00Z.
        Assert.Equal(Utc("2026-03-09T14:00:00Z"), office.AddBusinessMinutes(Utc("2026-03-06T21:00:00Z"), 120));
        Assert.Equal(120, office.BusinessMinutesBetween(Utc("2026-03-06T21:00:00Z"), Utc("2026-03-09T14:00:00Z")));

        var nights = Calendar("America/New_York", [new WeeklyHours("saturday", "20:00", "04:00")]);
        // Sat 7 Mar 20:00 EST = 01:00Z Sun; Sun 8 Mar 04:00 EDT = 08:00Z: 7 real hours.
        Assert.Equal(420, nights.BusinessMinutesBetween(Utc("2026-03-07T00:00:00Z"), Utc("2026-03-09T00:00:00Z")));
        Assert.Equal(Utc("2026-03-08T08:00:00Z"), nights.AddBusinessMinutes(Utc("2026-03-08T01:00:00Z"), 420));
    }

    [Fact]
    public void New_York_fall_back_night_and_an_end_the_night_repeats()
    {
        var early = Calendar("America/New_York", [new WeeklyHours("sunday", "00:00", "03:00")]);
        // Sun 1 Nov 00:00 EDT = 04:00Z to 03:00 EST = 08:00Z: four real hours.
        Assert.Equal(240, early.BusinessMinutesBetween(Utc("2026-11-01T00:00:00Z"), Utc("2026-11-02T00:00:00Z")));
        Assert.Equal(Utc("2026-11-01T08:00:00Z"), early.AddBusinessMinutes(Utc("2026-11-01T00:00:00Z"), 240));

        // 01:30 happens twice; an end takes the later (01:30 EST = 06:30Z), so the interval holds the repeated hour.
        var toHalfPastOne = Calendar("America/New_York", [new WeeklyHours("sunday", "00:00", "01:30")]);
        Assert.Equal(150, toHalfPastOne.BusinessMinutesBetween(Utc("2026-11-01T00:00:00Z"), Utc("2026-11-02T00:00:00Z")));
    }

    // ---- Asia/Shanghai (UTC+8, no DST): split shifts, 国庆 and 调休

    [Fact]
    public void Shanghai_split_shift_skips_lunch()
    {
        var bank = ShanghaiBank();
        // Wed 10 Jun 11:30 (03:30Z) + 60: 30 before lunch, 13:00 + 30 = 13:30 = 05:30Z.
        Assert.Equal(Utc("2026-06-10T05:30:00Z"), bank.AddBusinessMinutes(Utc("2026-06-10T03:30:00Z"), 60));
        // A start during lunch counts from 13:00 (05:00Z).
        Assert.Equal(Utc("2026-06-10T05:10:00Z"), bank.AddBusinessMinutes(Utc("2026-06-10T04:20:00Z"), 10));
        // A whole day is 480 minutes.
        Assert.Equal(480, bank.BusinessMinutesBetween(Utc("2026-06-09T16:00:00Z"), Utc("2026-06-10T16:00:00Z")));
    }

    [Fact]
    public void Due_landing_on_an_intervals_end_is_that_end()
    {
        var bank = ShanghaiBank();
        // Wed 10 Jun 09:00 (01:00Z) + 180 = 12:00 (04:00Z), not 13:00.
        Assert.Equal(Utc("2026-06-10T04:00:00Z"), bank.AddBusinessMinutes(Utc("2026-06-10T01:00:00Z"), 180));
        // The day's last minute: 18:00 (10:00Z), not Thursday 09:00.
        Assert.Equal(Utc("2026-06-10T10:00:00Z"), bank.AddBusinessMinutes(Utc("2026-06-10T01:00:00Z"), 480));
    }

    [Fact]
    public void Shanghai_golden_week_holidays_and_make_up_days()
    {
        var bank = ShanghaiBank();
        // Wed 30 Sep 17:00 (09:00Z) + 120: 60 on Wednesday, 1–7 Oct off, Thu 8 Oct 09:00 + 60 = 10:00 (02:00Z).
        Assert.Equal(Utc("2026-10-08T02:00:00Z"), bank.AddBusinessMinutes(Utc("2026-09-30T09:00:00Z"), 120));
        // Fri 18 Sep 17:00 (09:00Z) + 120: 60 on Friday, Sunday 20 Sep is a make-up day from 09:00 → 10:00 (02:00Z).
        Assert.Equal(Utc("2026-09-20T02:00:00Z"), bank.AddBusinessMinutes(Utc("2026-09-18T09:00:00Z"), 120));
        Assert.True(bank.IsWorkingDay(new LocalDate(2026, 10, 10)));
        Assert.False(bank.IsWorkingDay(new LocalDate(2026, 10, 11)));
        Assert.False(bank.IsWorkingDay(new LocalDate(2026, 10, 5)));
        // The make-up Saturday is one 540-minute interval (no lunch break given for it).
        Assert.Equal(540, bank.BusinessMinutesBetween(Utc("2026-10-09T16:00:00Z"), Utc("2026-10-10T16:00:00Z")));
    }

    // ---- Holidays

    [Fact]
    public void Weekday_holiday_is_skipped()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:30"), [new CalendarHoliday("2026-06-17", "Company day")]);
        // Tue 16 Jun 17:00 BST (16:00Z) + 60: 30 on Tuesday, Wednesday off, Thu 18 Jun 09:00 BST (08:00Z) + 30.
        Assert.Equal(Utc("2026-06-18T08:30:00Z"), office.AddBusinessMinutes(Utc("2026-06-16T16:00:00Z"), 60));
        Assert.False(office.IsWorkingDay(new LocalDate(2026, 6, 17)));
    }

    [Fact]
    public void Easter_holidays_beside_the_weekend_make_a_four_day_gap()
    {
        var office = LondonOffice();
        // Thu 2 Apr 17:00 BST (16:00Z) + 60: 30 on Thursday; Good Friday, the weekend and Easter Monday off; Tue 7 Apr 09:30 BST.
        Assert.Equal(Utc("2026-04-07T08:30:00Z"), office.AddBusinessMinutes(Utc("2026-04-02T16:00:00Z"), 60));
        Assert.Equal(60, office.BusinessMinutesBetween(Utc("2026-04-02T16:00:00Z"), Utc("2026-04-07T08:30:00Z")));
    }

    [Fact]
    public void Recurring_holiday_repeats_every_year()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:30"), [new CalendarHoliday("2026-12-25", "Christmas Day", Recurring: true)]);
        Assert.False(office.IsWorkingDay(new LocalDate(2026, 12, 25)));
        Assert.False(office.IsWorkingDay(new LocalDate(2028, 12, 25))); // a Monday
        Assert.True(office.IsWorkingDay(new LocalDate(2028, 12, 26)));
    }

    [Fact]
    public void Overnight_shift_starting_the_evening_before_a_holiday_is_worked_in_full()
    {
        var nights = Calendar("Europe/London",
            [new WeeklyHours("thursday", "22:00", "06:00"), new WeeklyHours("friday", "22:00", "06:00")],
            [new CalendarHoliday("2026-06-19", "Holiday Friday")]);
        // Thu 18 Jun 22:00 BST (21:00Z) to Fri 06:00 BST (05:00Z) stays; Friday night's shift (starting on the holiday) goes.
        Assert.Equal(480, nights.BusinessMinutesBetween(Utc("2026-06-18T00:00:00Z"), Utc("2026-06-21T00:00:00Z")));
        Assert.Equal(Utc("2026-06-19T05:00:00Z"), nights.AddBusinessMinutes(Utc("2026-06-18T21:00:00Z"), 480));
    }

    // ---- Split shifts and intervals past midnight

    [Fact]
    public void Split_shift_with_a_late_interval_past_midnight()
    {
        var shifts = Calendar("Europe/London", [new WeeklyHours("monday", "06:00", "10:00"), new WeeklyHours("monday", "20:00", "02:00")]);
        // Mon 15 Jun 2026 (BST): 06:00–10:00 (05:00Z–09:00Z) and 20:00–02:00 Tue (19:00Z–01:00Z).
        Assert.Equal(600, shifts.BusinessMinutesBetween(Utc("2026-06-14T00:00:00Z"), Utc("2026-06-17T00:00:00Z")));
        // From Mon 09:30 BST (08:30Z) + 60: 30 until 10:00, then 20:00 + 30 = 20:30 BST (19:30Z).
        Assert.Equal(Utc("2026-06-15T19:30:00Z"), shifts.AddBusinessMinutes(Utc("2026-06-15T08:30:00Z"), 60));
        // Into the small hours of Tuesday: 300 minutes from 20:00 BST ends at Tue 01:00 BST (00:00Z).
        Assert.Equal(Utc("2026-06-16T00:00:00Z"), shifts.AddBusinessMinutes(Utc("2026-06-15T19:00:00Z"), 300));
        // A start in Tuesday's early hours is inside Monday's interval.
        Assert.Equal(Utc("2026-06-16T00:40:00Z"), shifts.AddBusinessMinutes(Utc("2026-06-16T00:30:00Z"), 10));
    }

    [Fact]
    public void Intervals_touching_at_midnight_count_once_as_one_stretch()
    {
        var round = Calendar("Asia/Shanghai", [new WeeklyHours("monday", "18:00", "00:00"), new WeeklyHours("tuesday", "00:00", "06:00")]);
        // Mon 15 Jun 18:00 (10:00Z) to Tue 06:00 (22:00Z): 720 minutes.
        Assert.Equal(720, round.BusinessMinutesBetween(Utc("2026-06-15T00:00:00Z"), Utc("2026-06-16T12:00:00Z")));
        Assert.Equal(Utc("2026-06-15T22:00:00Z"), round.AddBusinessMinutes(Utc("2026-06-15T10:00:00Z"), 720));
    }

    // ---- Starts outside working time and on its boundaries

    [Fact]
    public void Start_outside_hours_counts_from_the_next_intervals_start()
    {
        var office = LondonOffice();
        // Saturday 13 Jun noon → Mon 15 Jun 09:00 BST (08:00Z) + 45.
        Assert.Equal(Utc("2026-06-15T08:45:00Z"), office.AddBusinessMinutes(Utc("2026-06-13T11:00:00Z"), 45));
        // Mon 06:00 BST, before opening: same.
        Assert.Equal(Utc("2026-06-15T08:45:00Z"), office.AddBusinessMinutes(Utc("2026-06-15T05:00:00Z"), 45));
        Assert.Equal(0, office.BusinessMinutesBetween(Utc("2026-06-13T00:00:00Z"), Utc("2026-06-15T08:00:00Z")));
    }

    [Fact]
    public void Start_exactly_on_a_boundary()
    {
        var office = LondonOffice();
        // On the opening minute (Mon 15 Jun 09:00 BST = 08:00Z): counted at once.
        Assert.Equal(Utc("2026-06-15T08:30:00Z"), office.AddBusinessMinutes(Utc("2026-06-15T08:00:00Z"), 30));
        // On the closing minute (17:30 BST = 16:30Z): nothing left today, Tue 09:30 BST.
        Assert.Equal(Utc("2026-06-16T08:30:00Z"), office.AddBusinessMinutes(Utc("2026-06-15T16:30:00Z"), 30));
        Assert.Equal(0, office.BusinessMinutesBetween(Utc("2026-06-15T16:30:00Z"), Utc("2026-06-16T08:00:00Z")));
    }

    [Fact]
    public void Twenty_four_seven_counts_real_minutes_through_dst()
    {
        var always = new BusinessTime(DateTimeZoneProviders.Tzdb["Europe/London"], true, new CalendarDefinition());
        Assert.Equal(Utc("2026-03-29T02:00:00Z"), always.AddBusinessMinutes(Utc("2026-03-28T23:00:00Z"), 180));
        Assert.Equal(1440, always.BusinessMinutesBetween(Utc("2026-10-24T12:00:00Z"), Utc("2026-10-25T12:00:00Z")));
        Assert.True(always.IsWorkingDay(new LocalDate(2026, 12, 25)));
    }

    // ---- A pause spanning a holiday: elapsed business time is the sum over the running segments

    [Fact]
    public void Pause_spanning_a_holiday_counts_only_the_running_segments()
    {
        var office = LondonOffice();
        // Running Thu 2 Apr 10:00–12:00 BST (09:00Z–11:00Z), paused over Easter, resumed Tue 7 Apr 11:00 BST (10:00Z).
        var beforePause = office.BusinessMinutesBetween(Utc("2026-04-02T09:00:00Z"), Utc("2026-04-02T11:00:00Z"));
        var afterResume = office.BusinessMinutesBetween(Utc("2026-04-07T10:00:00Z"), Utc("2026-04-07T12:00:00Z"));
        Assert.Equal(120, beforePause);
        Assert.Equal(120, afterResume);
        // A 240-minute target: 120 left at the resume → Tue 13:00 BST (12:00Z).
        Assert.Equal(Utc("2026-04-07T12:00:00Z"), office.AddBusinessMinutes(Utc("2026-04-07T10:00:00Z"), 240 - beforePause));
        // Without the pause the whole span would count Thu 10:00–17:30 (450) and Tue 09:00–13:00 (240).
        Assert.Equal(690, office.BusinessMinutesBetween(Utc("2026-04-02T09:00:00Z"), Utc("2026-04-07T12:00:00Z")));
    }

    // ---- Business and calendar days

    [Fact]
    public void End_of_business_day_counts_working_days_after_day_zero()
    {
        var office = LondonOffice();
        // Receipt Thu 2 Apr: the 1st business day after is Tue 7 Apr (Easter) → 17:30 BST = 16:30Z.
        Assert.Equal(Utc("2026-04-07T16:30:00Z"), office.EndOfBusinessDay(Utc("2026-04-02T09:00:00Z"), 1));
        // Receipt Wed 23 Dec: Thu 24, Tue 29, Wed 30 (25 and 28 Dec are bank holidays) → Wed 30 Dec 17:30 GMT.
        Assert.Equal(Utc("2026-12-30T17:30:00Z"), office.EndOfBusinessDay(Utc("2026-12-23T10:00:00Z"), 3));
        // Day 0 on a Saturday with n = 0: Monday's close.
        Assert.Equal(Utc("2026-06-15T16:30:00Z"), office.EndOfBusinessDay(Utc("2026-06-13T10:00:00Z"), 0));
        // n = 0 on a working day: that day's close.
        Assert.Equal(Utc("2026-06-15T16:30:00Z"), office.EndOfBusinessDay(Utc("2026-06-15T10:00:00Z"), 0));

        var bank = ShanghaiBank();
        // Receipt Wed 30 Sep: next business day is Thu 8 Oct, closing at 18:00 (10:00Z).
        Assert.Equal(Utc("2026-10-08T10:00:00Z"), bank.EndOfBusinessDay(Utc("2026-09-30T03:00:00Z"), 1));
        // The 2nd after Thu 8 Oct: Fri 9, Sat 10 (make-up day) → Sat 18:00.
        Assert.Equal(Utc("2026-10-10T10:00:00Z"), bank.EndOfBusinessDay(Utc("2026-10-08T03:00:00Z"), 2));
    }

    [Fact]
    public void End_of_business_day_with_an_overnight_close_is_the_next_mornings_end()
    {
        var nights = Calendar("Europe/London", Weekdays("22:00", "06:00"));
        // Receipt Mon 15 Jun; the 1st business day after is Tuesday, whose shift ends Wed 06:00 BST (05:00Z).
        Assert.Equal(Utc("2026-06-17T05:00:00Z"), nights.EndOfBusinessDay(Utc("2026-06-15T10:00:00Z"), 1));
    }

    [Fact]
    public void End_of_calendar_day_is_the_local_midnight_ending_day_n()
    {
        var bank = ShanghaiBank();
        // Receipt Wed 16 Sep 2026 14:00 CST: day 15 is Thu 1 Oct, which ends at 2 Oct 00:00 CST = 1 Oct 16:00Z.
        Assert.Equal(Utc("2026-10-01T16:00:00Z"), bank.EndOfCalendarDay(Utc("2026-09-16T06:00:00Z"), 15));
    }

    [Fact]
    public void Deadline_on_a_non_working_day_moves_to_the_close_of_the_next_working_day()
    {
        var bank = ShanghaiBank();
        // Day 15 is 1 Oct (国庆): moves to the close of Thu 8 Oct, 18:00 CST = 10:00Z.
        var deadline = bank.EndOfCalendarDay(Utc("2026-09-16T06:00:00Z"), 15);
        Assert.Equal(Utc("2026-10-08T10:00:00Z"), bank.MoveOffNonWorkingDay(deadline));
        // Day N a make-up Saturday (10 Oct): stands at its midnight.
        var onMakeUpDay = bank.EndOfCalendarDay(Utc("2026-09-25T06:00:00Z"), 15);
        Assert.Equal(Utc("2026-10-10T16:00:00Z"), onMakeUpDay);
        Assert.Equal(onMakeUpDay, bank.MoveOffNonWorkingDay(onMakeUpDay));
        // Day N an ordinary Sunday (11 Oct): Monday 12 Oct 18:00.
        Assert.Equal(Utc("2026-10-12T10:00:00Z"), bank.MoveOffNonWorkingDay(Utc("2026-10-11T16:00:00Z")));
        // Day N a working Wednesday stands.
        Assert.Equal(Utc("2026-06-10T16:00:00Z"), bank.MoveOffNonWorkingDay(Utc("2026-06-10T16:00:00Z")));
    }

    // ---- The horizon

    [Fact]
    public void A_due_search_stops_after_five_years()
    {
        var once = Calendar("Asia/Shanghai", [], extra: [new ExtraWorkingDay("2026-10-10", "09:00", "18:00")]);
        Assert.Equal(Utc("2026-10-10T02:00:00Z"), once.AddBusinessMinutes(Utc("2026-10-01T00:00:00Z"), 60));
        var after = Assert.Throws<CalendarHorizonException>(() => once.AddBusinessMinutes(Utc("2026-10-11T00:00:00Z"), 60));
        Assert.Contains("5 years", after.Message);
        Assert.Throws<CalendarHorizonException>(() => once.AddBusinessMinutes(Utc("2026-10-01T00:00:00Z"), 541));
        Assert.Throws<CalendarHorizonException>(() => once.EndOfBusinessDay(Utc("2026-10-10T00:00:00Z"), 1));
        Assert.Throws<CalendarHorizonException>(() => once.MoveOffNonWorkingDay(Utc("2026-10-12T16:00:00Z")));
    }

    [Fact]
    public void A_target_just_inside_the_horizon_is_found_by_walking_days()
    {
        var office = LondonOffice();
        // About four years of working minutes (~1040 days × 510): found, and the elapsed time back equals the target.
        const long target = 1040L * 510;
        var start = Utc("2026-01-05T09:00:00Z");
        var due = office.AddBusinessMinutes(start, target);
        Assert.True(due - start < BusinessTime.Horizon);
        Assert.Equal(target, office.BusinessMinutesBetween(start, due));
    }
}
