using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Surveys.ListSurveyTemplates;

public sealed record ListSurveyTemplatesQuery : IQuery<SurveyTemplateList>;

/// <summary>All of them at once: a workspace has at most <see cref="SurveyTemplateRules.MaxTemplates"/>.</summary>
public sealed class ListSurveyTemplatesHandler(AppDbContext db) : IQueryHandler<ListSurveyTemplatesQuery, SurveyTemplateList>
{
    public async ValueTask<SurveyTemplateList> Handle(ListSurveyTemplatesQuery query, CancellationToken ct)
    {
        var templates = await db.SurveyTemplates.AsNoTracking().OrderByDescending(t => t.IsDefault).ThenBy(t => t.Name).ThenBy(t => t.Id)
            .ToListAsync(ct);
        var currentIds = templates.Select(t => t.CurrentVersionId).ToList();
        var versions = await db.SurveyTemplateVersions.AsNoTracking().Where(v => currentIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var used = await db.UsedVersionIdsAsync(currentIds, ct);
        return new SurveyTemplateList(templates
            .Select(t => SurveyTemplateView.From(t, versions[t.CurrentVersionId], used.Contains(t.CurrentVersionId))).ToList());
    }
}

public static class ListSurveyTemplatesEndpoint
{
    public static RouteHandlerBuilder MapListSurveyTemplates(this IEndpointRouteBuilder api) =>
        api.MapGet("/survey-templates", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSurveyTemplatesQuery(), ct)))
            .WithName("ListSurveyTemplates").WithTags("Survey templates")
            .WithSummary("List the workspace's return-visit survey templates with their current questions")
            .WithDescription("Every template, the default (the one return visits use) first, then by name; each with its current " +
                             "version's questions: id (stable across versions: answers and reports key on it), type (" +
                             string.Join(", ", SurveyWire.QuestionTypes) + "), required, text in en and zh-Hans, and options for " +
                             "single_choice. Not paginated (at most " + SurveyTemplateRules.MaxTemplates + " templates).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
