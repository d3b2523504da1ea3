using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;

namespace ComplaintCloud.Api.Domain;

public sealed partial class Complaint
{
    /// <summary>Events raised since the complaint was loaded; saved with it (AppDbContext) and then cleared.</summary>
    public List<ComplaintEvent> NewEvents { get; } = [];

    public static Complaint Receive(Guid id, string number, string subject, string description, ComplaintChannel channel,
        ComplaintSeverity severity, string customerName, string? customerEmail, string? customerPhone, string? customerExternalId,
        string? desiredOutcome, string? productRef, string? externalRef, DateTimeOffset receivedAt, DateTimeOffset dueAt, Actor actor,
        DateTimeOffset now, Guid? categoryId = null, IEnumerable<string>? tags = null, bool senderVerified = true, string? customerTier = null,
        bool dueAtGiven = false, bool imported = false)
    {
        var complaint = new Complaint
        {
            Id = id, Number = number, Subject = subject, Description = description, Channel = channel, Severity = severity,
            Status = ComplaintStatus.Received, CustomerName = customerName, CustomerEmail = customerEmail,
            CustomerPhone = customerPhone, CustomerExternalId = customerExternalId, DesiredOutcome = desiredOutcome,
            ProductRef = productRef, ExternalRef = externalRef, ReceivedAt = receivedAt, DueAt = dueAt, CreatedAt = now,
            CategoryId = categoryId, Tags = ComplaintTags.Normalise(tags), SenderVerified = senderVerified,
            CustomerTier = TierOrNull(customerTier),
        };
        complaint.Record(actor, now, null, new ComplaintReceived(channel, severity, receivedAt, dueAt, categoryId,
            complaint.Tags.Count > 0 ? complaint.Tags : null, senderVerified ? null : false, dueAtGiven ? true : null, imported ? true : null));
        return complaint;
    }

    public void Acknowledge(ComplaintContext context, string? message)
    {
        Move(context, ComplaintActions.Acknowledge, ComplaintStatus.Acknowledged, new ComplaintAcknowledged(message));
        AcknowledgedAt = context.Now;
    }

    /// <summary>Judges validity. An invalid complaint is closed with its reason (the polite reply goes out separately).</summary>
    public void Assess(ComplaintContext context, bool valid, string? reason, ComplaintSeverity? severity, ComplaintCause? cause,
        ComplaintPurpose? purpose, CustomerBehaviour? behaviour)
    {
        ComplaintActions.Assess.EnsureAllowed(this, context);
        if (severity is { } s) Severity = s;
        Cause = cause ?? Cause;
        Purpose = purpose ?? Purpose;
        CustomerBehaviour = behaviour ?? CustomerBehaviour;
        if (valid)
        {
            Transition(context, ComplaintStatus.Assessed, new ComplaintAssessed(valid, Severity, cause, purpose, behaviour, reason));
            return;
        }
        InvalidReason = reason;
        ClosedAt = context.Now;
        Transition(context, ComplaintStatus.Closed, new ComplaintRejectedAsInvalid(valid, reason));
    }

    /// <summary>
    /// Routes the complaint to a department's queue and/or a person. Without a department it stays in its
    /// current one; without an assignee it waits unassigned in the department's queue.
    /// </summary>
    public void Assign(ComplaintContext context, Guid? departmentId, Guid? assigneeUserId)
    {
        ComplaintActions.Assign.EnsureAllowed(this, context);
        var (previousDepartment, previousAssignee) = (DepartmentId, AssigneeUserId);
        DepartmentId = departmentId ?? DepartmentId;
        AssigneeUserId = assigneeUserId;
        var to = Status is ComplaintStatus.Assessed or ComplaintStatus.Reopened ? ComplaintStatus.Assigned : Status;
        Transition(context, to, new ComplaintAssigned(DepartmentId, assigneeUserId, previousDepartment, previousAssignee));
    }

    public void RecordFindings(ComplaintContext context, string rootCause, ResponsibleParty party, Guid? responsibleDepartmentId)
    {
        ComplaintActions.RecordFindings.EnsureAllowed(this, context);
        RootCause = rootCause;
        ResponsibleParty = party;
        ResponsibleDepartmentId = responsibleDepartmentId;
        Transition(context, ComplaintStatus.Investigating, new FindingsRecorded(rootCause, party, responsibleDepartmentId));
    }

    public void ProposeSolution(ComplaintContext context, RemedyType type, decimal? amount, string? currency, string description)
    {
        ComplaintActions.ProposeSolution.EnsureAllowed(this, context);
        RemedyType = type;
        RemedyAmount = amount;
        RemedyCurrency = currency?.ToUpperInvariant();
        RemedyDescription = description;
        ApprovedAt = null;
        ApprovedByUserId = null;
        Transition(context, ComplaintStatus.SolutionProposed,
            new SolutionProposed(type, amount, RemedyCurrency, description, context.Approval.Requires(this)));
    }

    public void RequestApproval(ComplaintContext context) =>
        Move(context, ComplaintActions.RequestApproval, ComplaintStatus.PendingApproval, new ApprovalRequested());

    /// <summary>A step that needs a second role (the descriptor's performer): supervisor, admin, admin key or the system.</summary>
    public void Approve(ComplaintContext context, string? note)
    {
        Move(context, ComplaintActions.Approve, ComplaintStatus.Approved, new RemedyApproved(note));
        ApprovedAt = context.Now;
        ApprovedByUserId = context.Actor.Kind == Actor.Member ? context.Actor.Id : null;
    }

    public void SendBack(ComplaintContext context, string reason)
    {
        Move(context, ComplaintActions.SendBack, ComplaintStatus.Investigating, new RemedySentBack(reason));
    }

    public void Implement(ComplaintContext context, string? note) =>
        Move(context, ComplaintActions.Implement, ComplaintStatus.Implementing, new ImplementationStarted(note));

    public void Resolve(ComplaintContext context, string? summary)
    {
        Move(context, ComplaintActions.Resolve, ComplaintStatus.Resolved, new ComplaintResolved(summary));
        ResolvedAt = context.Now;
        CustomerAccepted = null;
    }

    public void CustomerAccept(ComplaintContext context, string? comment)
    {
        ComplaintActions.CustomerAccept.EnsureAllowed(this, context);
        CustomerAccepted = true;
        Record(context.Actor, context.Now, null, new CustomerAccepted(comment));
    }

    public void CustomerReject(ComplaintContext context, string reason)
    {
        ComplaintActions.CustomerReject.EnsureAllowed(this, context);
        CustomerAccepted = false;
        Transition(context, ComplaintStatus.Reopened, new CustomerRejected(reason));
    }

    public void Reopen(ComplaintContext context, string reason)
    {
        ComplaintActions.Reopen.EnsureAllowed(this, context);
        CustomerAccepted = null;
        ClosedAt = null;
        Transition(context, ComplaintStatus.Reopened, new ComplaintReopened(reason));
    }

    public void Close(ComplaintContext context, string summary, string? lessonsLearned)
    {
        Move(context, ComplaintActions.Close, ComplaintStatus.Closed, new ComplaintClosed(summary, lessonsLearned));
        ClosingSummary = summary;
        LessonsLearned = lessonsLearned;
        ClosedAt = context.Now;
    }

    public void AwaitCustomer(ComplaintContext context, string reason)
    {
        ComplaintActions.AwaitCustomer.EnsureAllowed(this, context);
        StatusBeforeWaiting = Status;
        Transition(context, ComplaintStatus.AwaitingCustomer, new AwaitingCustomer(reason));
    }

    public void Resume(ComplaintContext context, string? note)
    {
        ComplaintActions.Resume.EnsureAllowed(this, context);
        var back = StatusBeforeWaiting ?? throw new RuleConflictException("The status to resume to is unknown.");
        StatusBeforeWaiting = null;
        Transition(context, back, new ComplaintResumed(note));
    }

    /// <summary>Tells the customer the complaint needs longer (an in-progress response); the status stays.</summary>
    public void RespondInProgress(ComplaintContext context, string message)
    {
        ComplaintActions.RespondInProgress.EnsureAllowed(this, context);
        Record(context.Actor, context.Now, null, new ComplaintRespondedInProgress(message));
    }

    /// <summary>
    /// Extends the complaint's extendable regulatory deadline to its next length (the SLA keeper retargets the clock); the
    /// status stays. A further extension needs a second role (the descriptor's performer).
    /// </summary>
    public void Extend(ComplaintContext context, string reason, string message)
    {
        ComplaintActions.Extend.EnsureAllowed(this, context);
        var extension = ExtensionsTaken + 1;
        var days = RegulatoryProfiles.Extendable.Extensions[extension - 1]; // allowed only while one is left
        ExtensionsTaken = extension;
        Record(context.Actor, context.Now, null, new ComplaintExtended(extension, days, reason, message));
    }

    /// <summary>A message from the customer (e.g. an email reply) joins the timeline whatever the state; it changes nothing else.</summary>
    public void RecordCustomerMessage(Actor actor, DateTimeOffset now, string channel, string? subject, string text, string? messageId,
        string? sender = null) =>
        Record(actor, now, null, new CustomerMessageReceived(channel, sender, subject, text, messageId));
    /// <summary>
    /// Corrects what the complaint says: a null argument keeps the field, an empty one clears an optional
    /// field. Records complaint.updated with the before and after of the fields that actually changed (no
    /// event when nothing did). A closed complaint is a record of what was handled: reopen it to change it.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Edit(Actor actor, DateTimeOffset now, string? subject = null, string? description = null, string? desiredOutcome = null,
        string? productRef = null, string? customerName = null, string? customerEmail = null, string? customerPhone = null,
        string? customerExternalId = null, ComplaintClassificationChange? classification = null, string? customerTier = null,
        string? customerLanguage = null)
    {
        if (Status == ComplaintStatus.Closed)
            throw new RuleConflictException("A closed complaint cannot be edited; reopen it first.");
        var tier = customerTier is null ? null : TierOrNull(customerTier) ?? ""; // checked before anything changes; "" clears
        if (customerLanguage is { Length: > 0 } && !CustomerLanguages.Contains(customerLanguage))
            throw new InvalidValueException("customer.language", "customer.language is en or zh-Hans (or \"\" for the workspace's).");

        var changes = new Dictionary<string, FieldChange>();
        void Change(string field, string? current, string? given, Action<string?> set, bool required)
        {
            if (given is null) return;
            var next = required ? given.Trim() : given.Length == 0 ? null : given;
            if (next == current) return;
            changes[field] = new FieldChange(current, next);
            set(next);
        }

        if (classification is { } k)
        {
            if (k.SetsCategory && k.CategoryId != CategoryId)
            {
                changes["categoryId"] = new FieldChange(CategoryId, k.CategoryId);
                CategoryId = k.CategoryId;
            }
            if (k.Tags is not null && ComplaintTags.Normalise(k.Tags) is var tags && !tags.SequenceEqual(Tags))
            {
                changes["tags"] = new FieldChange(Tags, tags);
                Tags = tags;
            }
            if (k.DueAt is { } due && due.ToUniversalTime() != DueAt.ToUniversalTime())
            {
                if (due <= ReceivedAt) throw new InvalidValueException("dueAt", "dueAt must be after the complaint was received.");
                changes["dueAt"] = new FieldChange(DueAt, due.ToUniversalTime());
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
        Change("customerTier", CustomerTier, tier, v => CustomerTier = v, required: false);
        Change("customerLanguage", CustomerLanguage, customerLanguage, v => CustomerLanguage = v, required: false);

        if (changes.Count == 0) return false;
        Record(actor, now, null, new ComplaintUpdated(changes));
        return true;
    }

    /// <summary>A tier in its one spelling; empty means none; anything else is refused on the field.</summary>
    private static string? TierOrNull(string? tier)
    {
        if (string.IsNullOrWhiteSpace(tier)) return null;
        if (!CustomerTiers.IsValid(tier)) throw new InvalidValueException("customerTier", CustomerTiers.Rule);
        return CustomerTiers.Normalise(tier);
    }

    private void Move(ComplaintContext context, ComplaintActionDescriptor action, ComplaintStatus to, IComplaintEventData payload)
    {
        action.EnsureAllowed(this, context);
        Transition(context, to, payload);
    }

    private void Transition(ComplaintContext context, ComplaintStatus to, IComplaintEventData payload)
    {
        var from = Status;
        Status = to;
        Record(context.Actor, context.Now, from, payload);
    }

    /// <summary>Raises an event: appended to the timeline with this change, and dispatched to the subscribers of its type.</summary>
    internal void Record(Actor actor, DateTimeOffset now, ComplaintStatus? from, IComplaintEventData payload) =>
        NewEvents.Add(new ComplaintEvent
        {
            TenantId = TenantId, Id = NextEventId(now), ComplaintId = Id, Type = ComplaintEventCatalog.Of(payload).Type,
            ActorKind = actor.Kind, ActorId = actor.Id, ActorName = actor.Name, OccurredAt = now,
            FromStatus = from, ToStatus = Status, Data = ComplaintEventCatalog.Serialize(payload), Payload = payload,
        });

    /// <summary>
    /// A time-ordered id after the id of the event raised before it in this unit of work: SaveChanges writes a table's
    /// new rows in key order, so events raised in the same millisecond (an escalation and its actions) would otherwise
    /// take their timeline positions in random order.
    /// </summary>
    private Guid NextEventId(DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        if (NewEvents.Count == 0 || id.CompareTo(NewEvents[^1].Id) > 0) return id;
        var bytes = NewEvents[^1].Id.ToByteArray(bigEndian: true);
        for (var i = bytes.Length - 1; i >= 9 && ++bytes[i] == 0; i--) { } // the random tail, clear of the version and variant bits
        return new Guid(bytes, bigEndian: true);
    }
}
