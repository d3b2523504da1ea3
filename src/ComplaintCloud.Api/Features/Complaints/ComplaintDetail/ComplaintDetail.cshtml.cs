using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Attachments.DownloadAttachment;
using ComplaintCloud.Api.Features.Attachments.ListAttachments;
using ComplaintCloud.Api.Features.Attachments.Shared;
using ComplaintCloud.Api.Features.Attachments.UploadAttachment;
using ComplaintCloud.Api.Features.Messages.ListMessages;
using ComplaintCloud.Api.Features.Messages.MoveMessage;
using ComplaintCloud.Api.Features.Messages.PostMessage;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Complaints.GetComplaint;
using ComplaintCloud.Api.Features.Complaints.ListComplaintEvents;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.SlaTimers.GetComplaintSla;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Complaints.ComplaintDetail;

/// <summary>
/// One complaint: its data, its timeline and the actions this person may take now (the API's allowedActions for them).
/// Each action is a small form built from its descriptor's fields (a partial per field kind) that sends the API's
/// PerformComplaintActionCommand with If-Match; htmx swaps the panel and timeline in place, and a refused action shows
/// its reason in the form instead of an error page (a form older than the complaint says so). The composer posts a reply
/// or note with files through the API's upload and message commands, in one transaction. Each customer email shows its
/// sender and can be moved to another complaint by number (the API's move command).
/// </summary>
[RequestSizeLimit(MaxPostBytes)]
public sealed class ComplaintDetailModel(ISender sender, CurrentActor actor, AppDbContext db, TimeProvider clock,
    ComplaintActionCatalog catalog, IStringLocalizer<SharedResource> T) : PageModel
{
    /// <summary>A composer post with a few files; each file is also held to Attachments:MaxBytes.</summary>
    public const long MaxPostBytes = 50 * 1024 * 1024;

    [BindProperty] public MessageInput Compose { get; set; } = new();
    public IReadOnlyList<AttachmentView> Attachments { get; private set; } = [];
    public IReadOnlyList<string> ComposeErrors { get; private set; } = [];
    /// <summary>The customer's emails on this complaint, oldest first.</summary>
    public IReadOnlyList<MessageView> InboundMessages { get; private set; } = [];
    [BindProperty] public MoveInput Move { get; set; } = new();
    /// <summary>The email whose move form failed, and why.</summary>
    public Guid? FailedMove { get; private set; }
    public IReadOnlyList<string> MoveErrors { get; private set; } = [];

    public ComplaintView Complaint { get; private set; } = null!;
    public IReadOnlyList<ComplaintEventView> Events { get; private set; } = [];
    public IReadOnlyList<AssignableMember> Members { get; private set; } = [];
    public WorkspaceOrganisation Organisation { get; private set; } = new([], []);
    [BindProperty] public ClassificationInput Classify { get; set; } = new();
    public IReadOnlyList<string> ClassifyErrors { get; private set; } = [];
    /// <summary>Agents pick only themselves as assignee (ComplaintAccess); others anyone active.</summary>
    public bool IsAgent => actor.IsAgent;
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;
    /// <summary>The complaint's SLA and regulatory clocks as the API gives them, as of <see cref="Now"/>.</summary>
    public ComplaintSlaView Sla { get; private set; } = new([]);
    public DateTimeOffset Now { get; private set; }
    public string SlaPanelUrl => $"/admin/complaints/{RouteData.Values["id"]}?handler=sla";
    /// <summary>The action whose form failed, what was typed into it (by field name), and why.</summary>
    public ComplaintActionDescriptor? FailedAction { get; private set; }
    public IReadOnlyDictionary<string, string?> FailedValues { get; private set; } = new Dictionary<string, string?>();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public Guid CurrentUserId => User.RequiredUserId();
    /// <summary>The complaint as the domain holds it: what the action forms start with (its severity, department…).</summary>
    public Complaint Entity { get; private set; } = null!;
    /// <summary>Sent back with every action as If-Match: an action on an older version is refused (412).</summary>
    public string ETag => ETags.From(Complaint.Version);

    /// <summary>The category, tags (comma-separated) and due time (in the workspace's zone) form.</summary>
    public sealed class ClassificationInput
    {
        public Guid? CategoryId { get; set; }
        public string? Tags { get; set; }
        public DateTime? DueAt { get; set; }
    }

    /// <summary>Move an email: the target complaint by its number, as agents know it.</summary>
    public sealed class MoveInput
    {
        public Guid MessageId { get; set; }
        public string? ToNumber { get; set; }
    }

    public sealed class MessageInput
    {
        public MessageKind Kind { get; set; } = MessageKind.Reply;
        public string? Body { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>GET ?handler=attachment&amp;attachmentId=…: the file as a download, with the API's safety headers.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        try
        {
            var download = await sender.Send(new DownloadAttachmentQuery(id, attachmentId), ct);
            download.ApplySafetyHeaders(Response);
            return File(download.Content, download.ContentType, download.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>GET ?handler=sla: the SLA panel alone, which polls it to keep its countdowns current.</summary>
    public async Task<IActionResult> OnGetSlaAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await LoadSlaAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Zone = await ZoneAsync(ct);
        return Partial("_SlaPanel", this);
    }

    private async Task LoadSlaAsync(Guid id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Sla = await sender.Send(new GetComplaintSlaQuery(id), ct);
    }

    /// <summary>A clock's countdown: time left to its due (or how long overdue), what a paused one has left, when it was met.</summary>
    public string Countdown(SlaTimerView timer) => timer switch
    {
        { MetAt: { } met } => T["Met {0}", Local(met)],
        { State: SlaTimerState.Running or SlaTimerState.Breached, DueAt: { } due } => SlaDisplay.TimeLeft(T, due, Now),
        { State: SlaTimerState.Paused } => T["{0} left when it resumes", SlaDisplay.Span(T, TimeSpan.FromMinutes(Math.Max(0, timer.RemainingBusinessMinutes)))],
        _ => "—",
    };

    /// <summary>POST ?handler=message: the composer (kind, body, files).</summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken ct)
    {
        var ok = ModelState.IsValid && await SendMessageAsync(id, ct);
        if (!ok) ComposeErrors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        else
        {
            ModelState.Clear();
            Compose = new MessageInput();
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Request.IsHtmx()) return Partial("_ComplaintPanel", this);
        return ok ? RedirectToPage(new { id }) : Page();
    }

    // Files first (each through the API's upload command), then the message carrying them: all or nothing.
    private async Task<bool> SendMessageAsync(Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = new List<Guid>();
        foreach (var file in Compose.Files)
        {
            var (uploaded, attachment) = await sender.TrySendAsync(
                new UploadAttachmentCommand(id, file.FileName, file.Length, file.OpenReadStream), ModelState, nameof(Compose), ct);
            if (!uploaded) return Abandon();
            ids.Add(attachment!.Id);
        }
        await db.SaveChangesAsync(ct); // inside our transaction the commands leave saving to us
        var (sent, _) = await sender.TrySendAsync(new PostMessageCommand(id, Compose.Kind, Compose.Body, ids), ModelState, nameof(Compose), ct);
        if (!sent) return Abandon();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;

        bool Abandon()
        {
            db.ChangeTracker.Clear(); // the transaction rolls back when disposed
            return false;
        }
    }

    /// <summary>POST ?handler=move: a customer email to the complaint with the number given, through the API's move command.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken ct)
    {
        var number = Move.ToNumber?.Trim().ToUpperInvariant();
        var target = string.IsNullOrEmpty(number) ? null
            : await db.Complaints.AsNoTracking().Where(c => c.Number == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        var ok = false;
        if (target is null)
            ModelState.AddModelError($"{nameof(Move)}.{nameof(MoveInput.ToNumber)}",
                string.IsNullOrEmpty(number) ? T["Enter the number of the complaint to move the email to."] : T["No complaint of this workspace has the number {0}.", number]);
        else if (ModelState.IsValid)
            (ok, _) = await sender.TrySendAsync(new MoveMessageCommand(id, Move.MessageId, target), ModelState, nameof(Move), ct);
        if (!ok)
        {
            FailedMove = Move.MessageId;
            MoveErrors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        }
        else
        {
            ModelState.Clear();
            Move = new MoveInput();
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Request.IsHtmx()) return Partial("_ComplaintPanel", this);
        return ok ? RedirectToPage(new { id }) : Page();
    }

    /// <summary>POST ?handler=classify: category, tags and due time, through the API's PATCH command.</summary>
    public async Task<IActionResult> OnPostClassifyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadComplaintAsync(id, ct)) return NotFound();
        Zone = await ZoneAsync(ct);
        var tags = (Classify.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The form shows minutes: an unchanged field must not move the due time by its seconds.
        DateTimeOffset? due = Classify.DueAt is { } local && !Zone.ShowsAs(Complaint.DueAt, local) ? Zone.FromLocal(local) : null;
        var changes = new UpdateComplaint.UpdateComplaintRequest(CategoryId: Classify.CategoryId?.ToString() ?? "", Tags: tags, DueAt: due);
        var ok = ModelState.IsValid
                 && (await sender.TrySendAsync(new UpdateComplaint.UpdateComplaintCommand(id, changes), ModelState, nameof(Classify), ct)).Item1;
        if (!ok) ClassifyErrors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        else ModelState.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Request.IsHtmx()) return Partial("_ComplaintPanel", this);
        return ok ? RedirectToPage(new { id }) : Page();
    }

    /// <summary>POST ?perform=record-findings with the action's fields (Input.RootCause…) and IfMatch, the version the form showed.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? perform, CancellationToken ct)
    {
        if (catalog.Find(perform) is not { } action) return BadRequest();
        var form = await Request.ReadFormAsync(ct);
        var (input, typed) = ActionForms.Read(action, form, ModelState);
        string? ifMatch = form[ActionForms.IfMatchField];
        var ok = false;
        if (ModelState.IsValid)
            (ok, _) = await sender.TrySendAsync(new PerformComplaintActionCommand(id, action.Name, input, ifMatch), ModelState, "Input", ct);
        if (!ok)
        {
            FailedAction = action;
            FailedValues = typed;
            Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        }
        else ModelState.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        // The form showed an older version (the API's 412): nothing was done; the panel now shows the complaint as it is.
        if (!ok && !string.IsNullOrEmpty(ifMatch) && ifMatch != ETag)
            Errors = [T["This complaint changed while you had it open, so nothing was done. It now shows as it is: check it and try again."]];
        if (Request.IsHtmx()) return Partial("_ComplaintPanel", this);
        return ok ? RedirectToPage(new { id }) : Page();
    }

    private async Task<bool> LoadComplaintAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Complaint = await sender.Send(new GetComplaintQuery(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private Task<WorkspaceTimeZone> ZoneAsync(CancellationToken ct) => WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadComplaintAsync(id, ct)) return false;
        var events = new List<ComplaintEventView>();
        string? cursor = null;
        do
        {
            var page = await sender.Send(new ListComplaintEventsQuery(id, PageRequest.From(PageRequest.MaxLimit, cursor)), ct);
            events.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        Events = events;
        Attachments = (await sender.Send(new ListAttachmentsQuery(id, PageRequest.From(PageRequest.MaxLimit, null)), ct)).Items;
        var messages = new List<MessageView>();
        do
        {
            var page = await sender.Send(new ListMessagesQuery(id, PageRequest.From(PageRequest.MaxLimit, cursor)), ct);
            messages.AddRange(page.Items.Where(m => m.Kind == MessageKind.Inbound));
            cursor = page.NextCursor;
        } while (cursor is not null);
        InboundMessages = messages;
        Entity = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        Members = await sender.Send(new ListAssignableMembersQuery(), ct);
        Organisation = await WorkspaceOrganisation.LoadAsync(db, ct);
        Zone = await ZoneAsync(ct);
        await LoadSlaAsync(id, ct);
        return true;
    }

    /// <summary>The actions this person may take now: the complaint's allowedActions, as the API gives them to the same person.</summary>
    public IReadOnlyList<ComplaintActionDescriptor> Actions => Complaint.AllowedActions.Select(catalog.Find).OfType<ComplaintActionDescriptor>().ToList();

    /// <summary>Names for the ids an event's data carries.</summary>
    public string? NameOf(string property, Guid id) => property switch
    {
        "assigneeUserId" or "previousAssigneeUserId" => MemberName(id),
        "departmentId" or "previousDepartmentId" or "responsibleDepartmentId" => Organisation.DepartmentName(id),
        "categoryId" => Organisation.CategoryPath(id),
        _ => null,
    };

    public bool IsOverdue => Complaint.Status.IsOverdue(Complaint.DueAt, clock.GetUtcNow());

    public string? MemberName(Guid? userId) =>
        userId is { } id ? Members.FirstOrDefault(m => m.UserId == id)?.DisplayName is { Length: > 0 } name ? name
            : Members.FirstOrDefault(m => m.UserId == id)?.Email : null;

    public string DownloadUrl(AttachmentView attachment) =>
        $"/admin/complaints/{attachment.ComplaintId}?handler=attachment&attachmentId={attachment.Id}";

    public string Local(DateTimeOffset? at) => at is { } value ? Zone.Format(value) : "";
}
