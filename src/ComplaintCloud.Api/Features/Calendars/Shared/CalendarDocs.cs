namespace ComplaintCloud.Api.Features.Calendars.Shared;

/// <summary>The calendar body's rules in words, for the OpenAPI descriptions of create and replace.</summary>
public static class CalendarDocs
{
    public const string Body =
        "Body: name (1 to 100 characters, unique in the workspace regardless of case: 409 otherwise); timeZone (an IANA id such as " +
        "Europe/London); is24x7 (every minute counts; default false); weeklyHours [{ day: monday…sunday, start and end: HH:mm }], several " +
        "per day allowed, an end not after its start running past midnight into the next day, intervals of one day may not overlap; " +
        "holidays [{ date: yyyy-MM-dd, name, recurring }] (recurring repeats on that month and day every year; a holiday removes the " +
        "intervals that start on it); extraWorkingDays [{ date, start, end }] (make-up working days such as China's 调休). A calendar " +
        "that is not 24x7 needs weekly hours or extra working days. Each invalid field is a 400 naming it (e.g. weeklyHours[1].start).";
}
