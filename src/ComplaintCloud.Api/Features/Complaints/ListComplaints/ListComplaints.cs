using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Infrastructure.Search;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaints;

/// <summary>
/// The queue's tabs: everything, what is assigned to me, what waits unassigned in my departments, what
/// nobody has yet, what waits for a supervisor; the complaints with an open return-visit follow-up (an admin's all of
/// them, anyone else's those of their departments and those of no department), and the resolved complaints whose latest
/// return visit ended without an answer (expired or unreachable), for an agent to close.
/// </summary>
public enum ComplaintQueue { All, Mine, MyDepartments, Unassigned, AwaitingApproval, FollowUps, ResolvedNoAnswer }

/// <summary>
/// TimeLeftAsc: the earliest due among the complaint's running (or breached, still open) clocks first; those with none last.
/// Relevance (the default with a search): found by number, email, phone or external reference first, then those whose subject
/// or customer name is the search text, then by how well the words match, then newest first. Without a search it is ReceivedDesc.
/// </summary>
public enum ComplaintListSort { ReceivedDesc, ReceivedAsc, DueAsc, DueDesc, TimeLeftAsc, Relevance }

/// <summary>
/// A complaint's SLA state as the queue shows and filters it. As a filter: Running, a running clock; Paused, a paused clock;
/// AtRisk, a running clock past an at-risk threshold; Breached, a breached clock not yet met. As a row's state: the worst of
/// its clocks (Breached, then AtRisk, Running, Paused); none when no clock is open.
/// </summary>
public enum ComplaintSlaState { Running, Paused, AtRisk, Breached }

/// <summary>
/// What to list. Empty lists and nulls do not filter; several values of one filter are alternatives (OR),
/// different filters all apply (AND). The From bounds are inclusive, the To bounds exclusive; a category
/// includes its descendants; several tags must all be on the complaint. SenderVerified false finds the complaints
/// started by an email that claimed another complaint's thread without proving it. ExternalRef matches the integrator's own
/// reference exactly.
/// </summary>
public sealed record ComplaintListFilter(
    IReadOnlyList<ComplaintStatus> Statuses, IReadOnlyList<ComplaintSeverity> Severities, IReadOnlyList<ComplaintChannel> Channels,
    Guid? DepartmentId = null, Guid? AssigneeUserId = null, DateTimeOffset? ReceivedFrom = null, DateTimeOffset? ReceivedTo = null,
    string? Q = null, ComplaintQueue Queue = ComplaintQueue.All, Guid? CurrentUserId = null, Guid? CategoryId = null,
    IReadOnlyList<string>? Tags = null, DateTimeOffset? DueFrom = null, DateTimeOffset? DueTo = null, bool? SenderVerified = null,
    string? ExternalRef = null, IReadOnlyList<ComplaintSlaState>? SlaStates = null, int? EscalationLevel = null, bool? Escalated = null,
    bool CurrentUserSeesAllFollowUps = false)
{
    public static readonly ComplaintListFilter None = new([], [], []);

    /// <summary>
    /// Whether the search is all that narrows the list: the relevance order then reads the search's hits alone, without
    /// joining the complaints. A new filter must be added here, or a search would ignore it (ListComplaintsTests checks one).
    /// </summary>
    public bool OnlySearches => Statuses.Count == 0 && Severities.Count == 0 && Channels.Count == 0 && DepartmentId is null
        && AssigneeUserId is null && ReceivedFrom is null && ReceivedTo is null && Queue == ComplaintQueue.All && CategoryId is null
        && (Tags is null || Tags.Count == 0) && DueFrom is null && DueTo is null && SenderVerified is null && ExternalRef is null
        && (SlaStates is null || SlaStates.Count == 0) && EscalationLevel is null && Escalated is null;
}

/// <summary>A null sort is the default: by relevance when searching, else newest first.</summary>
public sealed record ListComplaintsQuery(ComplaintListFilter Filter, ComplaintListSort? Sort, PageRequest Page)
    : IQuery<CursorPage<ComplaintRow>>
{
    public ComplaintListSort EffectiveSort => Filter.Q is null
        ? Sort is null or ComplaintListSort.Relevance ? ComplaintListSort.ReceivedDesc : Sort.Value
        : Sort ?? ComplaintListSort.Relevance;
}

/// <summary>A complaint as a list row: enough to show the queue and decide which one to open.</summary>
public sealed record ComplaintRow(Guid Id, string Number, ComplaintStatus Status, string Subject, ComplaintChannel Channel,
    ComplaintSeverity Severity, string CustomerName, string? CustomerTier, Guid? AssigneeUserId, Guid? DepartmentId, Guid? CategoryId,
    IReadOnlyList<string> Tags, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool SenderVerified, string? ExternalRef,
    DateTimeOffset? SlaDueAt, ComplaintSlaState? SlaState, int EscalationLevel)
{
    public bool IsOverdue(DateTimeOffset now) => Status.IsOverdue(DueAt, now);
}

/// <summary>Keyset position: the sort key (received or due time) and id of the last row, in the direction of the sort.</summary>
public sealed record ComplaintCursor(DateTimeOffset At, Guid Id);

/// <summary>Keyset position of relevance: the last row's tier, rank, received time and id (see <see cref="ComplaintSearchHit"/>).</summary>
public sealed record ComplaintRelevanceCursor(int Tier, float Rank, DateTimeOffset At, Guid Id);

/// <summary>Keyset position of time_left_asc: the last row's SLA due (null once the rows without a running clock are reached) and id.</summary>
public sealed record ComplaintSlaCursor(DateTimeOffset? SlaDueAt, Guid Id);

public sealed class ListComplaintsValidator : AbstractValidator<ListComplaintsQuery>
{
    public ListComplaintsValidator()
    {
        RuleFor(q => q.Sort).IsInEnum();
        RuleFor(q => q.Filter.Q).MaximumLength(200).OverridePropertyName("q");
        RuleFor(q => q.Filter.Q).Must(text => SearchQuery.Parse(text!, ComplaintLimits.ExternalRef).IsSearchable)
            .When(q => q.Filter.Q is { Length: <= 200 }).OverridePropertyName("q")
            .WithMessage("q has nothing to search for: give a word, a complaint number, an email address or a phone number.");
        RuleFor(q => q.Filter.ExternalRef).MaximumLength(100).OverridePropertyName("externalRef");
        RuleFor(q => q.Filter.ReceivedTo).GreaterThan(q => q.Filter.ReceivedFrom)
            .When(q => q.Filter.ReceivedFrom is not null && q.Filter.ReceivedTo is not null)
            .OverridePropertyName("receivedTo").WithMessage("receivedTo must be after receivedFrom.");
        RuleFor(q => q.Filter.DueTo).GreaterThan(q => q.Filter.DueFrom)
            .When(q => q.Filter.DueFrom is not null && q.Filter.DueTo is not null)
            .OverridePropertyName("dueTo").WithMessage("dueTo must be after dueFrom.");
        RuleFor(q => q.Filter.Tags).ValidTags().OverridePropertyName("tag");
        RuleFor(q => q.Filter.EscalationLevel).InclusiveBetween(0, 99).OverridePropertyName("escalationLevel");
    }
}

public sealed class ListComplaintsHandler(AppDbContext db) : IQueryHandler<ListComplaintsQuery, CursorPage<ComplaintRow>>
{
    public async ValueTask<CursorPage<ComplaintRow>> Handle(ListComplaintsQuery query, CancellationToken ct)
    {
        var f = query.Filter;
        var complaints = db.Complaints.AsNoTracking();
        if (f.Statuses.Count > 0) complaints = complaints.Where(c => f.Statuses.Contains(c.Status));
        if (f.Severities.Count > 0) complaints = complaints.Where(c => f.Severities.Contains(c.Severity));
        if (f.Channels.Count > 0) complaints = complaints.Where(c => f.Channels.Contains(c.Channel));
        if (f.DepartmentId is { } department) complaints = complaints.Where(c => c.DepartmentId == department);
        if (f.AssigneeUserId is { } assignee) complaints = complaints.Where(c => c.AssigneeUserId == assignee);
        if (f.CategoryId is { } category)
        {
            var subtree = await CategoryTree.SelfAndDescendantsAsync(db, category, ct);
            complaints = complaints.Where(c => c.CategoryId != null && subtree.Contains(c.CategoryId.Value));
        }
        if (f.SenderVerified is { } verified) complaints = complaints.Where(c => c.SenderVerified == verified);
        // Exact match, on the (tenant_id, external_ref) index the CSV import's duplicate check uses.
        if (f.ExternalRef is { } externalRef) complaints = complaints.Where(c => c.ExternalRef == externalRef);
        foreach (var tag in ComplaintTags.Normalise(f.Tags)) complaints = complaints.Where(c => c.Tags.Contains(tag));
        // Escalated complaints are the few on the partial (tenant_id, escalation_level) index.
        if (f.EscalationLevel is { } level) complaints = complaints.Where(c => c.EscalationLevel == level);
        if (f.Escalated is { } escalated) complaints = escalated ? complaints.Where(c => c.EscalationLevel > 0) : complaints.Where(c => c.EscalationLevel == 0);
        // Bounds go to PostgreSQL in UTC (Npgsql refuses other offsets for timestamptz).
        if (f.ReceivedFrom?.ToUniversalTime() is { } receivedFrom) complaints = complaints.Where(c => c.ReceivedAt >= receivedFrom);
        if (f.ReceivedTo?.ToUniversalTime() is { } receivedTo) complaints = complaints.Where(c => c.ReceivedAt < receivedTo);
        if (f.DueFrom?.ToUniversalTime() is { } dueFrom) complaints = complaints.Where(c => c.DueAt >= dueFrom);
        if (f.DueTo?.ToUniversalTime() is { } dueTo) complaints = complaints.Where(c => c.DueAt < dueTo);
        var sort = query.EffectiveSort;
        var hits = f.Q is null ? null : db.ComplaintSearch(SearchQuery.Parse(f.Q, ComplaintLimits.ExternalRef));
        if (hits is not null && sort != ComplaintListSort.Relevance)
            complaints = complaints.Where(c => hits.Select(h => h.ComplaintId).Contains(c.Id));
        complaints = f.Queue switch
        {
            ComplaintQueue.Mine => complaints.Where(c => c.AssigneeUserId != null && c.AssigneeUserId == f.CurrentUserId),
            ComplaintQueue.MyDepartments => complaints.Where(ComplaintStatusRules.Open).Where(c => c.AssigneeUserId == null
                && db.DepartmentMembers.Any(m => m.DepartmentId == c.DepartmentId && m.UserId == f.CurrentUserId)),
            ComplaintQueue.Unassigned => complaints.Where(ComplaintStatusRules.Open).Where(c => c.AssigneeUserId == null),
            ComplaintQueue.AwaitingApproval => complaints.Where(c => c.Status == ComplaintStatus.PendingApproval),
            ComplaintQueue.FollowUps => complaints.Where(c => db.FollowUps.Any(u => u.ComplaintId == c.Id && u.Status == FollowUpStatus.Open
                && (f.CurrentUserSeesAllFollowUps || u.DepartmentId == null
                    || db.DepartmentMembers.Any(m => m.DepartmentId == u.DepartmentId && m.UserId == f.CurrentUserId)))),
            ComplaintQueue.ResolvedNoAnswer => complaints.Where(c => c.Status == ComplaintStatus.Resolved
                && db.ReturnVisits.Where(v => v.ComplaintId == c.Id).OrderByDescending(v => v.ResolvedAt).ThenByDescending(v => v.Id)
                    .Take(1).Any(v => v.Status == ReturnVisitStatus.Expired || v.Status == ReturnVisitStatus.Unreachable)),
            _ => complaints,
        };

        if (f.SlaStates is { Count: > 0 } slaStates)
        {
            // One EXISTS on the complaint's timers (index (tenant_id, complaint_id)); the wanted states are alternatives.
            bool running = slaStates.Contains(ComplaintSlaState.Running), paused = slaStates.Contains(ComplaintSlaState.Paused),
                atRisk = slaStates.Contains(ComplaintSlaState.AtRisk), breached = slaStates.Contains(ComplaintSlaState.Breached);
            complaints = complaints.Where(c => db.SlaTimers.Any(t => t.ComplaintId == c.Id && (
                (running && t.State == SlaTimerState.Running)
                || (paused && t.State == SlaTimerState.Paused)
                || (atRisk && t.State == SlaTimerState.Running && t.ThresholdsReached.Count > 0)
                || (breached && t.State == SlaTimerState.Breached && t.MetAt == null))));
        }

        if (sort == ComplaintListSort.TimeLeftAsc) return await ByTimeLeftAsync(complaints, query.Page, ct);
        if (sort == ComplaintListSort.Relevance) return await ByRelevanceAsync(f.OnlySearches ? null : complaints, hits!, query.Page, ct);

        var byDue = sort is ComplaintListSort.DueAsc or ComplaintListSort.DueDesc;
        var ascending = sort is ComplaintListSort.ReceivedAsc or ComplaintListSort.DueAsc;
        var after = query.Page.After<ComplaintCursor>();
        if (after is not null)
        {
            var at = after.At.ToUniversalTime();
            complaints = (byDue, ascending) switch
            {
                (false, true) => complaints.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.ReceivedAt, c.Id), ValueTuple.Create(at, after.Id))),
                (false, false) => complaints.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.ReceivedAt, c.Id), ValueTuple.Create(at, after.Id))),
                (true, true) => complaints.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.DueAt, c.Id), ValueTuple.Create(at, after.Id))),
                (true, false) => complaints.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.DueAt, c.Id), ValueTuple.Create(at, after.Id))),
            };
        }
        var ordered = (byDue, ascending) switch
        {
            (false, true) => complaints.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
            (false, false) => complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id),
            (true, true) => complaints.OrderBy(c => c.DueAt).ThenBy(c => c.Id),
            (true, false) => complaints.OrderByDescending(c => c.DueAt).ThenByDescending(c => c.Id),
        };

        return await Rows(ordered).ToCursorPageAsync(query.Page, r => new ComplaintCursor(byDue ? r.DueAt : r.ReceivedAt, r.Id), r => r, ct);
    }

    /// <summary>
    /// time_left_asc on the (tenant_id, sla_due_at, id) index, whose ascending order already puts NULL (no running clock)
    /// last. The keyset has two phases so that each stays a range of that index: the rows with a due after the cursor, then,
    /// when they do not fill the page, the rows without one (from the start, or after the cursor's id once there).
    /// </summary>
    private async Task<CursorPage<ComplaintRow>> ByTimeLeftAsync(IQueryable<Complaint> complaints, PageRequest page, CancellationToken ct)
    {
        var after = page.After<ComplaintSlaCursor>();
        var withoutClock = complaints.Where(c => c.SlaDueAt == null);
        IQueryable<Complaint> first = complaints;
        IQueryable<Complaint>? then = null;
        if (after is { SlaDueAt: { } due })
        {
            var at = (DateTimeOffset?)due.ToUniversalTime();
            first = complaints.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.SlaDueAt, c.Id), ValueTuple.Create(at, after.Id)));
            then = withoutClock;
        }
        else if (after is not null) first = withoutClock.Where(c => c.Id > after.Id);
        return await Rows(first.OrderBy(c => c.SlaDueAt).ThenBy(c => c.Id)).ToCursorPageAsync(page,
            r => new ComplaintSlaCursor(r.SlaDueAt, r.Id), r => r, ct, then: then is null ? null : Rows(then.OrderBy(c => c.SlaDueAt).ThenBy(c => c.Id)));
    }

    /// <summary>
    /// relevance: the page's keys are read from the search's hits (tier ascending, then rank, received time and id descending),
    /// joined with the filtered complaints when other filters apply (null: none do), then the page's rows by id, in that
    /// order. Two statements, so the row projection stays the one <see cref="Rows"/> all sorts share.
    /// </summary>
    private async Task<CursorPage<ComplaintRow>> ByRelevanceAsync(IQueryable<Complaint>? complaints, IQueryable<ComplaintSearchHit> hits,
        PageRequest page, CancellationToken ct)
    {
        var ranked = complaints is null
            ? hits.Select(h => new { Id = h.ComplaintId, h.Tier, h.Rank, h.ReceivedAt })
            : complaints.Join(hits, c => c.Id, h => h.ComplaintId, (c, h) => new { c.Id, h.Tier, h.Rank, c.ReceivedAt });
        if (page.After<ComplaintRelevanceCursor>() is { } after)
        {
            var at = after.At.ToUniversalTime();
            ranked = ranked.Where(x => x.Tier > after.Tier || (x.Tier == after.Tier && (x.Rank < after.Rank
                || (x.Rank == after.Rank && EF.Functions.LessThan(ValueTuple.Create(x.ReceivedAt, x.Id), ValueTuple.Create(at, after.Id))))));
        }
        var keys = await ranked.OrderBy(x => x.Tier).ThenByDescending(x => x.Rank).ThenByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Id)
            .Select(x => new ComplaintRelevanceCursor(x.Tier, x.Rank, x.ReceivedAt, x.Id))
            .ToCursorPageAsync(page, k => k, k => k, ct);
        var ids = keys.Items.Select(k => k.Id).ToList();
        var rows = (await Rows(db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(ct)).ToDictionary(r => r.Id);
        return new CursorPage<ComplaintRow>(keys.Items.Where(k => rows.ContainsKey(k.Id)).Select(k => rows[k.Id]).ToList(), keys.NextCursor);
    }

    /// <summary>The list row, its SLA state the worst of the complaint's clocks, read in the same statement.</summary>
    private IQueryable<ComplaintRow> Rows(IQueryable<Complaint> ordered) => ordered.Select(c => new ComplaintRow(c.Id, c.Number, c.Status,
        c.Subject, c.Channel, c.Severity, c.CustomerName, c.CustomerTier, c.AssigneeUserId, c.DepartmentId, c.CategoryId, c.Tags, c.ReceivedAt,
        c.DueAt, c.SenderVerified, c.ExternalRef, c.SlaDueAt,
        SlaRank.State(db.SlaTimers.Where(t => t.ComplaintId == c.Id).Max(t => (int?)(
            t.State == SlaTimerState.Breached && t.MetAt == null ? SlaRank.Breached
            : t.State == SlaTimerState.Running && t.ThresholdsReached.Count > 0 ? SlaRank.AtRisk
            : t.State == SlaTimerState.Running ? SlaRank.Running
            : t.State == SlaTimerState.Paused ? SlaRank.Paused
            : SlaRank.None))), c.EscalationLevel));
}

/// <summary>The row's SLA state as a number the database can take the maximum of: higher is worse.</summary>
internal static class SlaRank
{
    public const int None = 0, Paused = 1, Running = 2, AtRisk = 3, Breached = 4;

    public static ComplaintSlaState? State(int? rank) => rank switch
    {
        Breached => ComplaintSlaState.Breached,
        AtRisk => ComplaintSlaState.AtRisk,
        Running => ComplaintSlaState.Running,
        Paused => ComplaintSlaState.Paused,
        _ => null,
    };
}

public static class ListComplaintsEndpoint
{
    public static RouteHandlerBuilder MapListComplaints(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints", async (
                [FromQuery] string[]? status, [FromQuery] string[]? severity, [FromQuery] string[]? channel,
                Guid? departmentId, Guid? assigneeUserId, Guid? categoryId, [FromQuery] string[]? tag,
                DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, DateTimeOffset? dueFrom, DateTimeOffset? dueTo,
                bool? senderVerified, string? q, string? externalRef, [FromQuery] string[]? slaState, int? escalationLevel, bool? escalated, string? sort, int? limit, string? cursor, ISender sender,
                CancellationToken ct) =>
            {
                var filter = new ComplaintListFilter(
                    WireEnum<ComplaintStatus>.ParseAll(status, nameof(status)),
                    WireEnum<ComplaintSeverity>.ParseAll(severity, nameof(severity)),
                    WireEnum<ComplaintChannel>.ParseAll(channel, nameof(channel)),
                    departmentId, assigneeUserId, receivedFrom, receivedTo, string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
                    CategoryId: categoryId, Tags: tag ?? [], DueFrom: dueFrom, DueTo: dueTo, SenderVerified: senderVerified,
                    ExternalRef: string.IsNullOrEmpty(externalRef) ? null : externalRef,
                    SlaStates: WireEnum<ComplaintSlaState>.ParseAll(slaState, nameof(slaState)), EscalationLevel: escalationLevel, Escalated: escalated);
                var order = WireEnum<ComplaintListSort>.Parse(sort, nameof(sort));
                return TypedResults.Ok(await sender.Send(new ListComplaintsQuery(filter, order, PageRequest.From(limit, cursor)), ct));
            })
            .WithName("ListComplaints").WithTags("Complaints")
            .WithSummary("List and search complaints (filtered, cursor paginated)")
            .WithDescription("Filters: status, severity, channel (each may repeat or be comma-separated; the values are alternatives), " +
                             "departmentId, assigneeUserId, categoryId (with its descendants), tag (may repeat: all must be on the complaint), " +
                             "receivedFrom / dueFrom (inclusive) and receivedTo / dueTo (exclusive) as ISO 8601 instants, senderVerified " +
                             "(true or false: false lists the complaints started by an email that named another complaint's thread " +
                             "without proving it belongs there), externalRef (exactly the reference the complaint was created with), slaState (may repeat; alternatives: running — a " +
                             "clock runs, paused — a clock is paused, at_risk — a running clock passed an at-risk threshold, breached — a clock " +
                             "breached and not yet met), escalationLevel (exactly that level; 0 is never escalated), escalated (true: " +
                             "escalated at all, level 1 or more; false: never), and q: " +
                             "one search box for what an agent has in hand: the complaint's number (C-2026-000123, also 2026-000123), the " +
                             "customer's email (any letter case), phone (compared as digits: the full number or its last 8 or more digits), the " +
                             "externalRef, or words found in the subject, description, customer name and email and in the complaint's messages " +
                             "(replies, customer emails, internal notes). Words use web search syntax (words, \"a phrase\", -excluded, or); Chinese, " +
                             "Japanese and Korean words are found inside runs of characters (a word of several characters where they stand " +
                             "together in that order, a single character anywhere), full-width letters and digits as their half-width forms. " +
                             "q with nothing searchable in it (only punctuation) is a 400. sort is relevance (the default with q: number, email, " +
                             "phone and external reference matches first, then a subject or customer name equal to q, then the best word matches, " +
                             "then newest; without q the same as received_desc), received_desc (the default without q), received_asc, due_asc, due_desc or " +
                             "time_left_asc (the earliest slaDueAt first, complaints with no running clock last). Each row's slaState is the worst " +
                             "of its clocks (breached, at_risk, running, paused; null when none is open). Pass nextCursor from a page as cursor, with the " +
                             "same filters and sort, to get the next one; limit is 1 to 200 (default 50).")
            .WithEnumParameter<ComplaintStatus>("status").WithEnumParameter<ComplaintSeverity>("severity")
            .WithEnumParameter<ComplaintChannel>("channel").WithEnumParameter<ComplaintListSort>("sort")
            .WithEnumParameter<ComplaintSlaState>("slaState")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
