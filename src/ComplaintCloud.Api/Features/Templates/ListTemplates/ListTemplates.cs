using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Templates.ListTemplates;

public sealed record ListTemplatesQuery : IQuery<CursorPage<TemplateView>>;

/// <summary>Every kind × language in effect; a small fixed set, so one page without a cursor.</summary>
public sealed class ListTemplatesHandler(AppDbContext db) : IQueryHandler<ListTemplatesQuery, CursorPage<TemplateView>>
{
    public async ValueTask<CursorPage<TemplateView>> Handle(ListTemplatesQuery query, CancellationToken ct)
    {
        var items = new List<TemplateView>();
        foreach (var kind in TemplateCatalog.Kinds)
        foreach (var language in TemplateCatalog.Languages)
            items.Add(await db.EffectiveAsync(kind, language, ct));
        return new CursorPage<TemplateView>(items, null);
    }
}

public static class ListTemplatesEndpoint
{
    public static RouteHandlerBuilder MapListTemplates(this IEndpointRouteBuilder api) =>
        api.MapGet("/templates", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTemplatesQuery(), ct)))
            .WithName("ListTemplates").WithTags("Templates")
            .WithSummary("The outgoing email templates in effect, per kind and language")
            .WithDescription("Kinds: complaint_received, reply, survey_invitation, survey_reminder (return visits; they also know survey_link and opt_out_link). Languages: en, zh-Hans. isDefault says the built-in wording applies because " +
                             "the workspace has none of its own. Templates are Liquid with the variables number, subject, customer_name, " +
                             "body and status_link. The workspace's locale picks the language of each email.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403);
}
