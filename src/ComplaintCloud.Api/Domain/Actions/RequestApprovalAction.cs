namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Puts the proposed remedy before a supervisor.</summary>
public sealed class RequestApprovalAction : ComplaintActionDescriptor
{
    public override string Name => "request-approval";
    public override string Label => "Request approval";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.SolutionProposed];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) => complaint.RequestApproval(context);
}
