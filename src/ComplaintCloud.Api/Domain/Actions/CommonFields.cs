namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Fields several actions take, declared once so that each name has one kind and one limit everywhere.</summary>
public static class CommonFields
{
    /// <summary>An optional note that goes on the timeline.</summary>
    public static readonly ActionField<string?> Message = ActionField.ShortText("message", "Message (optional)", ComplaintLimits.ActionMessage);

    public static readonly ActionField<string?> Reason =
        ActionField.ShortText("reason", "Reason", ComplaintLimits.Reason) with { Required = true, RequiredMessage = "Give a reason." };

    public static readonly ActionField<string?> Summary = ActionField.LongText("summary", "Summary", ComplaintLimits.ClosingSummary);
}
