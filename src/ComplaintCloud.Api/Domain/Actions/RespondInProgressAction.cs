namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// Tells the customer the complaint needs longer and what is being done (US CFPB's in-progress response): it meets a
/// us_cfpb response clock and shows the 60-day final response clock. Any open status before the resolution.
/// </summary>
public sealed class RespondInProgressAction : ComplaintActionDescriptor
{
    public static readonly ActionField<string?> CustomerMessage = CommonFields.Message with
    {
        Label = "Message to the customer", Required = true, RequiredMessage = "Write the message to the customer.",
    };

    public override string Name => "respond-in-progress";
    public override string Label => "Tell the customer it needs longer";
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From { get; } = BeforeResolution;
    public override IReadOnlyList<ActionField> Fields { get; } = [CustomerMessage];

    /// <summary>Every status in which the complaint is open and not yet resolved.</summary>
    internal static readonly IReadOnlyList<ComplaintStatus> BeforeResolution = Enum.GetValues<ComplaintStatus>()
        .Where(s => s.IsOpen() && s != ComplaintStatus.Resolved).ToArray();

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.RespondInProgress(context, input.Get(CustomerMessage)!);
}
