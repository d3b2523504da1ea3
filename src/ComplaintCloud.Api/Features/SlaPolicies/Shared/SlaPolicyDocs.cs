namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>The request body as the create and replace endpoints describe it.</summary>
internal static class SlaPolicyDocs
{
    public const string Body =
        "Body: name (1 to 100 characters); position (0 to 1000000, optional); calendarId (one of the workspace's calendars, " +
        "400 otherwise); conditions {severities, categoryIds, channels, tags, customerTiers} (each optional, an empty list " +
        "matches anything, a category matches its descendants too, tags match when any one is on the complaint); targets " +
        "[{clock: acknowledge|first_response|next_update|resolution, amount, unit: business_minutes|business_days|" +
        "calendar_days|calendar_minutes}] with one target per clock and always a resolution target, amounts from 1 up to " +
        "five years in the unit; pauseWhen {clock: [status, ...]} (left out: awaiting_customer pauses first_response, " +
        "next_update and resolution); atRiskPercents (1 to 99, distinct; left out: [50, 80]). Every refusal is a 400 " +
        "naming the field, such as targets[0].unit.";
}
