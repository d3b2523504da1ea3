using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Surveys.MakeDefaultSurveyTemplate;

public sealed record MakeDefaultSurveyTemplateCommand(Guid TemplateId, string? IfMatch = null) : ICommand<SurveyTemplateView>;

/// <summary>
/// Makes the template the workspace's default, the one new return visits use; the previous default stops being so.
/// Visits already scheduled keep the version they were scheduled with. Idempotent.
/// </summary>
public sealed class MakeDefaultSurveyTemplateHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<MakeDefaultSurveyTemplateCommand, SurveyTemplateView>
{
    public async ValueTask<SurveyTemplateView> Handle(MakeDefaultSurveyTemplateCommand command, CancellationToken ct)
    {
        var all = await db.LockTemplatesAsync(ct); // changes of the default take turns
        var template = all.SingleOrDefault(t => t.Id == command.TemplateId) ?? throw new NotFoundException("Survey template");
        ETags.EnsureMatches(command.IfMatch, template.Version);
        if (!template.IsDefault)
        {
            var now = clock.GetUtcNow();
            foreach (var previous in all.Where(t => t.IsDefault))
            {
                previous.IsDefault = false;
                previous.UpdatedAt = now;
            }
            // One default per workspace is a unique index checked row by row: the old one goes before the new one comes.
            await db.SaveChangesAsync(ct);
            template.IsDefault = true;
            template.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return await db.LoadSurveyTemplateViewAsync(template.Id, null, ct);
    }
}

public static class MakeDefaultSurveyTemplateEndpoint
{
    public static RouteHandlerBuilder MapMakeDefaultSurveyTemplate(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-templates/{id:guid}/default", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender,
                HttpContext http, CancellationToken ct) =>
            {
                var template = await sender.Send(new MakeDefaultSurveyTemplateCommand(id, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(template.Version);
                return TypedResults.Ok(template);
            })
            .WithName("MakeDefaultSurveyTemplate").WithTags("Survey templates")
            .WithSummary("Make a survey template the workspace's default")
            .WithDescription("The default template is the one new return visits use; exactly one template is the default, so the " +
                             "previous one stops being it. Visits already scheduled keep their version. Making the default the " +
                             "default again changes nothing. If-Match is optional; a stale tag is 412. No body.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(422);
}
