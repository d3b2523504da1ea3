using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Tests.Support;
using FluentValidation;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Work outside any request (escalation, a scheduler) is the system actor: it performs actions through the same
/// command and descriptors as people (the same checks), reassigns without being a member, and takes a second role's step.
/// </summary>
public sealed class SystemActionsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_system_assigns_reassigns_and_approves_through_the_descriptors_without_a_person()
    {
        var tenant = await app.ProvisionTenantAsync("system", Ct);
        var workspace = new Workspace(app, tenant);
        var agent = await workspace.AddMemberAsync("Alex Agent", TenantRole.Agent, Ct);
        var colleague = await workspace.AddMemberAsync("Cleo Colleague", TenantRole.Agent, Ct);
        var outsider = await workspace.AddMemberAsync("Olga Outsider", TenantRole.Agent, Ct);
        var care = await workspace.AddDepartmentAsync("Customer care", [agent, colleague], Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var c = await DoAsync(api, await CreateAsync(api, NewComplaint(severity: "critical")), "acknowledge");
        c = await DoAsync(api, c, "assess", new { valid = true });
        var id = c.GetProperty("id").GetGuid();

        Task<ComplaintView> AsSystem(ComplaintActionDescriptor action, ComplaintActionInput input) =>
            workspace.InTenantAsync(s => s.Send(new PerformComplaintActionCommand(id, action.Name, input), Ct).AsTask());

        var assigned = await AsSystem(ComplaintActions.Assign, new ComplaintActionInput().With(AssignAction.Department, care).With(AssignAction.Assignee, agent));
        Assert.Equal((care, agent), (assigned.DepartmentId, assigned.AssigneeUserId));
        var reassigned = await AsSystem(ComplaintActions.Assign, new ComplaintActionInput().With(AssignAction.Assignee, colleague));
        Assert.Equal((care, colleague), (reassigned.DepartmentId, reassigned.AssigneeUserId));
        // The same checks as for people: an agent outside the department is no assignee.
        var refused = await Assert.ThrowsAsync<ValidationException>(() => AsSystem(ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Assignee, outsider)));
        Assert.Contains(refused.Errors, e => e.PropertyName == "assigneeUserId");

        c = await DoAsync(api, c, "record-findings", new { rootCause = "Seal", responsibleParty = "supplier" });
        c = await DoAsync(api, c, "propose-solution", new { remedyType = "exchange", description = "A new kettle" });
        c = await DoAsync(api, c, "request-approval");
        var approved = await AsSystem(ComplaintActions.Approve, new ComplaintActionInput().With(CommonFields.Message, "Within policy"));

        Assert.Equal(ComplaintStatus.Approved, approved.Status);
        Assert.Null(approved.Remedy!.ApprovedByUserId);
        var events = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/events?limit=200", Ct)).GetProperty("items")
            .EnumerateArray().Where(e => e.GetProperty("actorKind").GetString() == Actor.System).Select(e => e.GetProperty("type").GetString());
        Assert.Equal(["complaint.assigned", "complaint.assigned", "complaint.approved"], events);
    }
}
