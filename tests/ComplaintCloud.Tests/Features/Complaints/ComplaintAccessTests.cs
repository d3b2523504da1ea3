using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.ListComplaints;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Complaints.UpdateComplaint;
using ComplaintCloud.Api.Features.Messages.PostMessage;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Tests.Support;
using FluentValidation;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Who may work which complaint: agents act on complaints assigned to them, unassigned ones in their
/// departments and new ones without a department; supervisors on any. And what an assignment must name.
/// </summary>
public sealed class ComplaintAccessTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record People(Workspace Workspace, HttpClient Admin, Guid Agent, Guid Colleague, Guid Outsider, Guid Supervisor,
        Guid Care, Guid Logistics);

    private async Task<People> PeopleAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix, Ct);
        var workspace = new Workspace(app, tenant);
        var agent = await workspace.AddMemberAsync("Alex Agent", TenantRole.Agent, Ct);
        var colleague = await workspace.AddMemberAsync("Cleo Colleague", TenantRole.Agent, Ct);
        var outsider = await workspace.AddMemberAsync("Olga Outsider", TenantRole.Agent, Ct);
        var supervisor = await workspace.AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct);
        var care = await workspace.AddDepartmentAsync("Customer care", [agent, colleague], Ct);
        var logistics = await workspace.AddDepartmentAsync("Logistics", [outsider], Ct);
        return new People(workspace, app.CreateClient(tenant.ApiKey), agent, colleague, outsider, supervisor, care, logistics);
    }

    private static Task<ComplaintView> Act(People p, Guid userId, TenantRole role, JsonElement complaint, ComplaintActionDescriptor action,
        ComplaintActionInput? input = null) =>
        p.Workspace.AsMemberAsync(userId, role, s => s.Send(
            new PerformComplaintActionCommand(complaint.GetProperty("id").GetGuid(), action.Name, input ?? new ComplaintActionInput()), Ct).AsTask());

    private static async Task<JsonElement> AssessedAsync(HttpClient admin)
    {
        var c = await DoAsync(admin, await CreateAsync(admin), "acknowledge");
        return await DoAsync(admin, c, "assess", new { valid = true });
    }

    [Fact]
    public async Task Any_agent_triages_a_new_complaint_and_routes_it_to_a_department()
    {
        var p = await PeopleAsync("acc-new");
        var c = await CreateAsync(p.Admin);
        await Act(p, p.Outsider, TenantRole.Agent, c, ComplaintActions.Acknowledge);
        await Act(p, p.Outsider, TenantRole.Agent, c, ComplaintActions.Assess, new ComplaintActionInput().With(AssessAction.Valid, true));
        var routed = await Act(p, p.Outsider, TenantRole.Agent, c, ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Department, p.Care));
        Assert.Equal(p.Care, routed.DepartmentId);
        Assert.Null(routed.AssigneeUserId);
        Assert.Equal(ComplaintStatus.Assigned, routed.Status);

        // Now it waits in Customer care: the outsider from Logistics may no longer touch it, a member may take it.
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Act(p, p.Outsider, TenantRole.Agent, c, ComplaintActions.Assign, new ComplaintActionInput().With(AssignAction.Assignee, p.Outsider)));
        Assert.Contains("department", refused.Message);
        var taken = await Act(p, p.Agent, TenantRole.Agent, c, ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Assignee, p.Agent));
        Assert.Equal(p.Agent, taken.AssigneeUserId);
        Assert.Equal(p.Care, taken.DepartmentId); // assigning a person keeps the department
    }

    [Fact]
    public async Task Once_assigned_only_the_assignee_among_agents_works_it_while_a_supervisor_may()
    {
        var p = await PeopleAsync("acc-own");
        var c = await AssessedAsync(p.Admin);
        c = await DoAsync(p.Admin, c, "assign", new { departmentId = p.Care, assigneeUserId = p.Agent });

        var findings = new ComplaintActionInput()
            .With(RecordFindingsAction.RootCause, "Courier lost the parcel").With(RecordFindingsAction.Party, ResponsibleParty.Supplier);
        await Assert.ThrowsAsync<ForbiddenException>(() => Act(p, p.Colleague, TenantRole.Agent, c, ComplaintActions.RecordFindings, findings));
        var byAssignee = await Act(p, p.Agent, TenantRole.Agent, c, ComplaintActions.RecordFindings, findings);
        Assert.Equal(ComplaintStatus.Investigating, byAssignee.Status);
        var bySupervisor = await Act(p, p.Supervisor, TenantRole.Supervisor, c, ComplaintActions.AwaitCustomer,
            new ComplaintActionInput().With(CommonFields.Reason, "Waiting for the tracking number"));
        Assert.Equal(ComplaintStatus.AwaitingCustomer, bySupervisor.Status);

        // The same rule guards edits and replies; anyone may leave an internal note.
        var id = c.GetProperty("id").GetGuid();
        await Assert.ThrowsAsync<ForbiddenException>(() => p.Workspace.AsMemberAsync(p.Colleague, TenantRole.Agent,
            s => s.Send(new UpdateComplaintCommand(id, new UpdateComplaintRequest(Subject: "Changed")), Ct).AsTask()));
        await Assert.ThrowsAsync<ForbiddenException>(() => p.Workspace.AsMemberAsync(p.Colleague, TenantRole.Agent,
            s => s.Send(new PostMessageCommand(id, MessageKind.Reply, "Hello", []), Ct).AsTask()));
        var note = await p.Workspace.AsMemberAsync(p.Colleague, TenantRole.Agent,
            s => s.Send(new PostMessageCommand(id, MessageKind.Note, "Seen this courier before", []), Ct).AsTask());
        Assert.Equal(MessageKind.Note, note.Kind);
        var subject = (await p.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct)).GetProperty("subject").GetString();
        Assert.NotEqual("Changed", subject);
    }

    [Fact]
    public async Task An_agent_assigns_only_to_themselves_and_a_supervisor_to_anyone_in_the_department()
    {
        var p = await PeopleAsync("acc-assign");
        var c = await AssessedAsync(p.Admin);
        var handOver = await Assert.ThrowsAsync<ForbiddenException>(() => Act(p, p.Agent, TenantRole.Agent, c, ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Department, p.Care).With(AssignAction.Assignee, p.Colleague)));
        Assert.Contains("themselves", handOver.Message);

        var notInDepartment = await Assert.ThrowsAsync<ValidationException>(() => Act(p, p.Supervisor, TenantRole.Supervisor, c,
            ComplaintActions.Assign, new ComplaintActionInput().With(AssignAction.Department, p.Care).With(AssignAction.Assignee, p.Outsider)));
        Assert.Contains(notInDepartment.Errors, e => e.PropertyName == "assigneeUserId");
        var assigned = await Act(p, p.Supervisor, TenantRole.Supervisor, c, ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Department, p.Care).With(AssignAction.Assignee, p.Colleague));
        Assert.Equal(p.Colleague, assigned.AssigneeUserId);
        // A supervisor may take one themselves without being in the department.
        var own = await Act(p, p.Supervisor, TenantRole.Supervisor, c, ComplaintActions.Assign,
            new ComplaintActionInput().With(AssignAction.Assignee, p.Supervisor));
        Assert.Equal(p.Supervisor, own.AssigneeUserId);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_or_archived_department_is_a_400_and_changes_nothing()
    {
        var p = await PeopleAsync("acc-dept");
        var archived = await p.Workspace.AddDepartmentAsync("Closed branch", [], Ct, archived: true);
        var c = await AssessedAsync(p.Admin);
        foreach (var department in new[] { Guid.NewGuid(), archived })
        {
            using var response = await ActAsync(p.Admin, c, "assign", new { departmentId = department });
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("departmentId", out _), problem.ToString());
        }
        using (var findings = await ActAsync(p.Admin, await DoAsync(p.Admin, c, "assign", new { departmentId = p.Care }), "record-findings",
                   new { rootCause = "x", responsibleParty = "own_staff", responsibleDepartmentId = Guid.NewGuid() }))
            await Problems.AssertProblemAsync(findings, HttpStatusCode.BadRequest);
        var after = await p.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{c.GetProperty("id")}", Ct);
        Assert.Equal(p.Care, after.GetProperty("departmentId").GetGuid());
        Assert.Equal("assigned", Status(after));
    }

    [Fact]
    public async Task The_my_departments_queue_holds_the_unassigned_open_complaints_of_my_departments()
    {
        var p = await PeopleAsync("acc-queue");
        var inCare = await DoAsync(p.Admin, await AssessedAsync(p.Admin), "assign", new { departmentId = p.Care });
        var taken = await DoAsync(p.Admin, await AssessedAsync(p.Admin), "assign", new { departmentId = p.Care, assigneeUserId = p.Colleague });
        var inLogistics = await DoAsync(p.Admin, await AssessedAsync(p.Admin), "assign", new { departmentId = p.Logistics });
        await CreateAsync(p.Admin);

        async Task<Guid[]> Queue(Guid user, ComplaintQueue queue) =>
            (await p.Workspace.AsMemberAsync(user, TenantRole.Agent, s => s.Send(new ListComplaintsQuery(
                ComplaintListFilter.None with { Queue = queue, CurrentUserId = user }, ComplaintListSort.ReceivedAsc,
                PageRequest.From(200, null)), Ct).AsTask())).Items.Select(r => r.Id).ToArray();

        Assert.Equal([inCare.GetProperty("id").GetGuid()], await Queue(p.Agent, ComplaintQueue.MyDepartments));
        Assert.Equal([inLogistics.GetProperty("id").GetGuid()], await Queue(p.Outsider, ComplaintQueue.MyDepartments));
        Assert.Equal([taken.GetProperty("id").GetGuid()], await Queue(p.Colleague, ComplaintQueue.Mine));
        Assert.Empty(await Queue(p.Supervisor, ComplaintQueue.MyDepartments));
    }
}
