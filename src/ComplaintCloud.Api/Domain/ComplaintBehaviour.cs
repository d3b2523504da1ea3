using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintCloud.Api.Infrastructure.Errors;

namespace ComplaintCloud.Api.Domain;

public sealed partial class Complaint
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Events raised since the complaint was loaded; saved with it (AppDbContext) and then cleared.</summary>
    public List<ComplaintEvent> NewEvents { get; } = [];

    public static Complaint Receive(Guid id, string number, string subject, string description, ComplaintChannel channel,
        ComplaintSeverity severity, string customerName, string? customerEmail, string? customerPhone, string? customerExternalId,
        string? desiredOutcome, string? productRef, string? externalRef, DateTimeOffset receivedAt, DateTimeOffset dueAt, Actor actor,
        DateTimeOffset now, Guid? categoryId = null, IEnumerable<string>? tags = null, bool senderVerified = true)
    {
        var complaint = new Complaint
        {
            Id = id, Number = number, Subject = subject, Description = description, Channel = channel, Severity = severity,
            Status = ComplaintStatus.Received, CustomerName = customerName, CustomerEmail = customerEmail,
            CustomerPhone = customerPhone, CustomerExternalId = customerExternalId, DesiredOutcome = desiredOutcome,
            ProductRef = productRef, ExternalRef = externalRef, ReceivedAt = receivedAt, DueAt = dueAt, CreatedAt = now,
            CategoryId = categoryId, Tags = ComplaintTags.Normalise(tags), SenderVerified = senderVerified,
        };
        complaint.Record("complaint.received", actor, now, null, new
        {
            channel, severity, receivedAt, dueAt, categoryId, tags = complaint.Tags.Count > 0 ? complaint.Tags : null,
            senderVerified = senderVerified ? (bool?)null : false,
        });
        return complaint;
    }

    public void Acknowledge(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? message)
    {
        Move(ComplaintAction.Acknowledge, policy, ComplaintStatus.Acknowledged, "complaint.acknowledged", actor, now, new { message });
        AcknowledgedAt = now;
    }

    /// <summary>Judges validity. An invalid complaint is closed with its reason (the polite reply goes out separately).</summary>
    public void Assess(Actor actor, DateTimeOffset now, ApprovalPolicy policy, bool valid, string? reason,
        ComplaintSeverity? severity, ComplaintCause? cause, ComplaintPurpose? purpose, CustomerBehaviour? behaviour)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.Assess, policy);
        if (severity is { } s) Severity = s;
        Cause = cause ?? Cause;
        Purpose = purpose ?? Purpose;
        CustomerBehaviour = behaviour ?? CustomerBehaviour;
        if (valid)
        {
            Transition(ComplaintStatus.Assessed, "complaint.assessed", actor, now, new { valid, severity = Severity, cause, purpose, behaviour, reason });
            return;
        }
        InvalidReason = reason;
        ClosedAt = now;
        Transition(ComplaintStatus.Closed, "complaint.rejected_as_invalid", actor, now, new { valid, reason });
    }

    /// <summary>
    /// Routes the complaint to a department's queue and/or a person. Without a department it stays in its
    /// current one; without an assignee it waits unassigned in the department's queue.
    /// </summary>
    public void Assign(Actor actor, DateTimeOffset now, ApprovalPolicy policy, Guid? departmentId, Guid? assigneeUserId)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.Assign, policy);
        var (previousDepartment, previousAssignee) = (DepartmentId, AssigneeUserId);
        DepartmentId = departmentId ?? DepartmentId;
        AssigneeUserId = assigneeUserId;
        var to = Status is ComplaintStatus.Assessed or ComplaintStatus.Reopened ? ComplaintStatus.Assigned : Status;
        Transition(to, "complaint.assigned", actor, now,
            new { departmentId = DepartmentId, assigneeUserId, previousDepartmentId = previousDepartment, previousAssigneeUserId = previousAssignee });
    }

    public void RecordFindings(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string rootCause, ResponsibleParty party,
        Guid? responsibleDepartmentId)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.RecordFindings, policy);
        RootCause = rootCause;
        ResponsibleParty = party;
        ResponsibleDepartmentId = responsibleDepartmentId;
        Transition(ComplaintStatus.Investigating, "complaint.findings_recorded", actor, now, new { rootCause, party, responsibleDepartmentId });
    }

    public void ProposeSolution(Actor actor, DateTimeOffset now, ApprovalPolicy policy, RemedyType type, decimal? amount,
        string? currency, string description)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.ProposeSolution, policy);
        RemedyType = type;
        RemedyAmount = amount;
        RemedyCurrency = currency?.ToUpperInvariant();
        RemedyDescription = description;
        ApprovedAt = null;
        ApprovedByUserId = null;
        Transition(ComplaintStatus.SolutionProposed, "complaint.solution_proposed", actor, now,
            new { type, amount, currency = RemedyCurrency, description, approvalRequired = policy.Requires(this) });
    }

    public void RequestApproval(Actor actor, DateTimeOffset now, ApprovalPolicy policy) =>
        Move(ComplaintAction.RequestApproval, policy, ComplaintStatus.PendingApproval, "complaint.approval_requested", actor, now, null);

    /// <summary>Only supervisors and admins approve (the caller checks the role; the workflow checks the state).</summary>
    public void Approve(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? note)
    {
        Move(ComplaintAction.Approve, policy, ComplaintStatus.Approved, "complaint.approved", actor, now, new { note });
        ApprovedAt = now;
        ApprovedByUserId = actor.Kind == Actor.Member ? actor.Id : null;
    }

    public void SendBack(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string reason) =>
        Move(ComplaintAction.SendBack, policy, ComplaintStatus.Investigating, "complaint.sent_back", actor, now, new { reason });

    public void Implement(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? note) =>
        Move(ComplaintAction.Implement, policy, ComplaintStatus.Implementing, "complaint.implementation_started", actor, now, new { note });

    public void Resolve(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? summary)
    {
        Move(ComplaintAction.Resolve, policy, ComplaintStatus.Resolved, "complaint.resolved", actor, now, new { summary });
        ResolvedAt = now;
        CustomerAccepted = null;
    }

    public void CustomerAccept(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? comment)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.CustomerAccept, policy);
        CustomerAccepted = true;
        Record("complaint.customer_accepted", actor, now, null, new { comment });
    }

    public void CustomerReject(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string reason)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.CustomerReject, policy);
        CustomerAccepted = false;
        Transition(ComplaintStatus.Reopened, "complaint.customer_rejected", actor, now, new { reason });
    }

    public void Reopen(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string reason)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.Reopen, policy);
        CustomerAccepted = null;
        ClosedAt = null;
        Transition(ComplaintStatus.Reopened, "complaint.reopened", actor, now, new { reason });
    }

    public void Close(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string summary, string? lessonsLearned)
    {
        Move(ComplaintAction.Close, policy, ComplaintStatus.Closed, "complaint.closed", actor, now, new { summary, lessonsLearned });
        ClosingSummary = summary;
        LessonsLearned = lessonsLearned;
        ClosedAt = now;
    }

    public void AwaitCustomer(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string reason)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.AwaitCustomer, policy);
        StatusBeforeWaiting = Status;
        Transition(ComplaintStatus.AwaitingCustomer, "complaint.awaiting_customer", actor, now, new { reason });
    }

    public void Resume(Actor actor, DateTimeOffset now, ApprovalPolicy policy, string? note)
    {
        ComplaintWorkflow.Ensure(this, ComplaintAction.Resume, policy);
        var back = StatusBeforeWaiting ?? throw new ConflictException("The status to resume to is unknown.");
        StatusBeforeWaiting = null;
        Transition(back, "complaint.resumed", actor, now, new { note });
    }

    /// <summary>A message from the customer (e.g. an email reply) joins the timeline whatever the state; it changes nothing else.</summary>
    public void RecordCustomerMessage(Actor actor, DateTimeOffset now, string channel, string? subject, string text, string? messageId,
        string? sender = null) =>
        Record("complaint.customer_message", actor, now, null, new { channel, sender, subject, text, messageId });
    /// <summary>
    /// Corrects what the complaint says: a null argument keeps the field, an empty one clears an optional
    /// field. Records complaint.updated with the before and after of the fields that actually changed (no
    /// event when nothing did). A closed complaint is a record of what was handled: reopen it to change it.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Edit(Actor actor, DateTimeOffset now, string? subject = null, string? description = null, string? desiredOutcome = null,
        string? productRef = null, string? customerName = null, string? customerEmail = null, string? customerPhone = null,
        string? customerExternalId = null, ComplaintClassificationChange? classification = null)
    {
        if (Status == ComplaintStatus.Closed)
            throw new ConflictException("A closed complaint cannot be edited; reopen it first.");

        var changes = new Dictionary<string, Dictionary<string, object?>>();
        void Change(string field, string? current, string? given, Action<string?> set, bool required)
        {
            if (given is null) return;
            var next = required ? given.Trim() : given.Length == 0 ? null : given;
            if (next == current) return;
            changes[field] = new Dictionary<string, object?> { ["before"] = current, ["after"] = next };
            set(next);
        }

        if (classification is { } k)
        {
            if (k.SetsCategory && k.CategoryId != CategoryId)
            {
                changes["categoryId"] = new Dictionary<string, object?> { ["before"] = CategoryId, ["after"] = k.CategoryId };
                CategoryId = k.CategoryId;
            }
            if (k.Tags is not null && ComplaintTags.Normalise(k.Tags) is var tags && !tags.SequenceEqual(Tags))
            {
                changes["tags"] = new Dictionary<string, object?> { ["before"] = Tags, ["after"] = tags };
                Tags = tags;
            }
            if (k.DueAt is { } due && due.ToUniversalTime() != DueAt.ToUniversalTime())
            {
                if (due <= ReceivedAt) throw new BadRequestException("dueAt must be after the complaint was received.");
                changes["dueAt"] = new Dictionary<string, object?> { ["before"] = DueAt, ["after"] = due.ToUniversalTime() };
                DueAt = due.ToUniversalTime();
            }
        }

        Change("subject", Subject, subject, v => Subject = v!, required: true);
        Change("description", Description, description, v => Description = v!, required: true);
        Change("desiredOutcome", DesiredOutcome, desiredOutcome, v => DesiredOutcome = v, required: false);
        Change("productRef", ProductRef, productRef, v => ProductRef = v, required: false);
        Change("customerName", CustomerName, customerName, v => CustomerName = v!, required: true);
        Change("customerEmail", CustomerEmail, customerEmail, v => CustomerEmail = v, required: false);
        Change("customerPhone", CustomerPhone, customerPhone, v => CustomerPhone = v, required: false);
        Change("customerExternalId", CustomerExternalId, customerExternalId, v => CustomerExternalId = v, required: false);

        if (changes.Count == 0) return false;
        Record("complaint.updated", actor, now, null, new { changes });
        return true;
    }

    private void Move(ComplaintAction action, ApprovalPolicy policy, ComplaintStatus to, string eventType, Actor actor,
        DateTimeOffset now, object? data)
    {
        ComplaintWorkflow.Ensure(this, action, policy);
        Transition(to, eventType, actor, now, data);
    }

    private void Transition(ComplaintStatus to, string type, Actor actor, DateTimeOffset now, object? data)
    {
        var from = Status;
        Status = to;
        Record(type, actor, now, from, data);
    }

    private void Record(string type, Actor actor, DateTimeOffset now, ComplaintStatus? from, object? data) =>
        NewEvents.Add(new ComplaintEvent
        {
            TenantId = TenantId, Id = Guid.CreateVersion7(now), ComplaintId = Id, Type = type,
            ActorKind = actor.Kind, ActorId = actor.Id, ActorName = actor.Name, OccurredAt = now,
            FromStatus = from, ToStatus = Status, Data = data is null ? null : JsonSerializer.Serialize(data, EventJson),
        });
}
