using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Surveys.DeleteSurveyTemplate;

public sealed record DeleteSurveyTemplateCommand(Guid TemplateId, string? IfMatch = null) : ICommand<bool>;

/// <summary>
/// The default template stays (409), and so does one a return visit has used (409): its questions belong to the answers
/// given to it. Otherwise the template goes with its versions.
/// </summary>
public sealed class DeleteSurveyTemplateHandler(AppDbContext db) : ICommandHandler<DeleteSurveyTemplateCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteSurveyTemplateCommand command, CancellationToken ct)
    {
        var template = await db.LockTemplateAsync(command.TemplateId, ct); // 404, also another tenant's
        ETags.EnsureMatches(command.IfMatch, template.Version);
        if (template.IsDefault)
            throw new ConflictException("The default survey cannot be deleted: new return visits use it. Make another survey the default first.");
        var versions = await db.LockVersionsAsync(template.Id, ct); // no visit starts using one until this commits
        if ((await db.UsedVersionIdsAsync(versions.Select(v => v.Id).ToList(), ct)).Count > 0)
            throw new ConflictException($"'{template.Name}' has been used by return visits and is kept for their answers.");
        db.SurveyTemplateVersions.RemoveRange(versions);
        db.SurveyTemplates.Remove(template);
        return true;
    }
}

public static class DeleteSurveyTemplateEndpoint
{
    public static RouteHandlerBuilder MapDeleteSurveyTemplate(this IEndpointRouteBuilder api) =>
        api.MapDelete("/survey-templates/{id:guid}", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSurveyTemplateCommand(id, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteSurveyTemplate").WithTags("Survey templates")
            .WithSummary("Delete a survey template")
            .WithDescription("204 when deleted, with all its versions. The default template (make another the default first) and a " +
                             "template any return visit has used (its questions stay for the answers) cannot be deleted: 409. " +
                             "If-Match is optional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
}
