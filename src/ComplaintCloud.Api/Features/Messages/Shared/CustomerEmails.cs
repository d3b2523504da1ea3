using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Complaints.PublicIntake;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Messages.Shared;

/// <summary>
/// Queues an email to the complaint's customer: renders the workspace's template (or the built-in one) in
/// the workspace's language and adds an outbox row to the current unit of work, so it commits or rolls back
/// with whatever caused it. The outbox dispatcher sends it later.
/// </summary>
public sealed class CustomerEmails(AppDbContext db, ITenantContext tenant, PublicComplaintLinks links, IOptions<EmailOptions> options,
    PublicOrigin origin, TimeProvider clock, ILogger<CustomerEmails> logger)
{
    // Fields, not captured parameters, so that PreparedEmail can use them.
    private readonly AppDbContext db = db;
    private readonly IOptions<EmailOptions> options = options;
    private readonly TimeProvider clock = clock;
    private readonly ILogger<CustomerEmails> logger = logger;

    /// <returns>The queued row, or null when the complaint has no customer email address.</returns>
    public async Task<OutboxMessage?> QueueAsync(Complaint complaint, string kind, string? body, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(complaint.CustomerEmail) ? null : (await PrepareAsync(kind, ct)).Queue(complaint, body);

    private async Task<PreparedEmail> PrepareAsync(string kind, CancellationToken ct, string? language = null)
    {
        var workspace = await LoadWorkspace(db, tenant.RequiredTenantId, kind, ct) ?? throw new NotFoundException("Tenant");
        return Prepare(kind, workspace.Id, workspace.Name, workspace.Slug, workspace.Locale, workspace.Own, language);
    }

    /// <summary>
    /// A return visit's survey email (<see cref="TemplateCatalog.SurveyInvitation"/> or the reminder) in the customer's
    /// <paramref name="language"/>, with its signed links; null when the complaint has no customer email address.
    /// </summary>
    /// <remarks>Every survey email carries the opt-out link: a workspace's own wording that leaves it out gets it added at the end.</remarks>
    public async Task<OutboxMessage?> QueueSurveyAsync(Complaint complaint, string kind, string language, string surveyLink, string optOutLink,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(complaint.CustomerEmail)) return null;
        var row = (await PrepareAsync(kind, ct, language)).WithSurveyLinks(surveyLink, optOutLink).Queue(complaint, null);
        if (row is not null && row.Body?.Contains(optOutLink, StringComparison.Ordinal) != true)
            row.Body += (language == TemplateCatalog.Chinese ? "\n\n不希望再收到回访问卷？请点击：" : "\n\nTo stop receiving surveys from us: ") + optOutLink;
        return row;
    }

    /// <summary>
    /// The email from workspace data the caller has read itself (<see cref="ComplaintIntake"/> reads it with the number):
    /// the workspace's own template in its language, else the built-in wording.
    /// </summary>
    /// <param name="language">The customer's language when it is known (return visits); else the workspace's.</param>
    public PreparedEmail Prepare(string kind, Guid tenantId, string tenantName, string tenantSlug, string locale, IEnumerable<OwnTemplate> own,
        string? language = null)
    {
        language = language is not null && TemplateCatalog.Languages.Contains(language) ? language : TemplateCatalog.LanguageFor(locale);
        var mine = own.FirstOrDefault(o => o.Language == language);
        var builtIn = TemplateCatalog.Default(kind, language);
        return mine is null ? new PreparedEmail(this, kind, language, builtIn, null, tenantId, tenantName, tenantSlug)
            : new PreparedEmail(this, kind, language, new TemplateText(mine.Subject, mine.Body), builtIn, tenantId, tenantName, tenantSlug);
    }

    /// <summary>A template the workspace has written for one language.</summary>
    public sealed record OwnTemplate(string Language, string Subject, string Body);

    private sealed record WorkspaceRow(Guid Id, string Name, string Slug, string Locale, List<OwnTemplate> Own);

    // Compiled once, as GetComplaint's read: building the LINQ tree per call cost a good part of the app's CPU.
    // The tenant row is picked by the unit of work's tenant id; the templates carry the tenant query filter.
    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<WorkspaceRow?>> LoadWorkspace =
        EF.CompileAsyncQuery((AppDbContext context, Guid tenantId, string kind, CancellationToken _) =>
            context.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
                .Select(t => new WorkspaceRow(t.Id, t.Name, t.Slug, t.Locale,
                    context.MessageTemplates.Where(m => m.Kind == kind).Select(m => new OwnTemplate(m.Language, m.Subject, m.Body)).ToList()))
                .FirstOrDefault());

    /// <param name="fallback">The built-in wording, when <paramref name="template"/> is the workspace's own.</param>
    public sealed class PreparedEmail(CustomerEmails emails, string kind, string language, TemplateText template, TemplateText? fallback,
        Guid tenantId, string tenantName, string tenantSlug, bool addressUnverified = false)
    {
        private (string Survey, string OptOut)? surveyLinks;

        /// <summary>The same email with a return visit's survey and opt-out links for its template's survey_link and opt_out_link.</summary>
        public PreparedEmail WithSurveyLinks(string survey, string optOut)
        {
            surveyLinks = (survey, optOut);
            return this;
        }

        /// <summary>
        /// The same email to an address typed in by someone nobody has verified (the public form): the fixed wording with
        /// the number and the link only, whatever the workspace's template, and no name in the To header, so that text
        /// a stranger entered never reaches somebody else's mailbox under the workspace's name.
        /// </summary>
        public PreparedEmail ForUnverifiedAddress() => new(emails, kind, language, TemplateCatalog.UnverifiedReceipt(language), null,
            tenantId, tenantName, tenantSlug, addressUnverified: true);

        /// <inheritdoc cref="QueueAsync"/>
        public OutboxMessage? Queue(Complaint complaint, string? body)
        {
            if (Compose(complaint, body) is not { } row) return null;
            emails.db.OutboxMessages.Add(row);
            return row;
        }

        /// <summary>The outbox row, not yet added anywhere (for <see cref="AppDbContext.InsertNewAsync(IReadOnlyList{object}, CancellationToken)"/>); null without an address.</summary>
        public OutboxMessage? Compose(Complaint complaint, string? body) =>
            string.IsNullOrWhiteSpace(complaint.CustomerEmail) ? null : Row(complaint, Render(Values(complaint, complaint.Number, body)));

        /// <summary>
        /// The receipt of a complaint whose number is taken by the statement that writes both: rendered with a stand-in of
        /// the number's length that the statement replaces by the number. Null without an address. When the template does
        /// more with the number than print it (cuts it, changes its case…), the stand-in cannot be swapped afterwards:
        /// the result has no row, and the receipt is composed once the number is known.
        /// </summary>
        public AwaitingNumber? ComposeAwaitingNumber(Complaint complaint, int year)
        {
            if (string.IsNullOrWhiteSpace(complaint.CustomerEmail)) return null;
            var (standIn, other) = NumberStandIns.Pair(year);
            var text = Render(Values(complaint, standIn, null));
            // Our own wording prints the number as it is (a test holds it to that); a workspace's own template is tried with a
            // second stand-in that differs in every character: the same text but for the swap means the number is only printed.
            if (fallback is not null)
            {
                var check = Render(Values(complaint, other, null));
                if (text.Subject.Replace(standIn, other) != check.Subject || text.Body.Replace(standIn, other) != check.Body)
                    return new AwaitingNumber(null, standIn);
            }
            return new AwaitingNumber(Row(complaint, text), standIn);
        }

        private TemplateValues Values(Complaint complaint, string number, string? body)
        {
            var link = emails.StatusLink(tenantSlug, tenantId, complaint.Id);
            return addressUnverified ? new TemplateValues(number, "", "", null, link)
                : new TemplateValues(number, complaint.Subject, complaint.CustomerName, body, link, surveyLinks?.Survey, surveyLinks?.OptOut);
        }

        private OutboxMessage Row(Complaint complaint, TemplateText text)
        {
            var now = emails.clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var row = new OutboxMessage
            {
                Id = id, ComplaintId = complaint.Id, Kind = kind, ToAddress = complaint.CustomerEmail!.Trim(), ToName = addressUnverified ? null : complaint.CustomerName,
                FromName = tenantName, Subject = text.Subject, Body = text.Body,
                EmailMessageId = $"{id:N}@{emails.options.Value.MessageIdDomain}".ToLowerInvariant(),
                Status = OutboxStatus.Pending, NextAttemptAt = now, CreatedAt = now,
            };
            return row;
        }

        private TemplateText Render(TemplateValues values)
        {
            try
            {
                return TemplateRenderer.Render(template, values, ours: fallback is null);
            }
            catch (TemplateRenderException e) when (fallback is not null)
            {
                // A stored template that fails or runs past its budget with this complaint's values (saved before templates
                // were trial-rendered, or slow only with real text): the customer gets the built-in wording rather than
                // the change that wrote to them failing.
                emails.logger.LogWarning(e, "The workspace's {Kind} template failed to render; the built-in wording was sent.", kind);
                return TemplateRenderer.Render(fallback, values, ours: true);
            }
        }
    }

    internal string? StatusLink(string slug, Guid tenantId, Guid complaintId) => origin.Value is null ? null
        : origin.Link($"/p/{Uri.EscapeDataString(slug)}/complaints/status?token={Uri.EscapeDataString(links.TokenFor(tenantId, complaintId))}");
}
