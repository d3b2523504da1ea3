using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Surveys.UpdateSurveyTemplate;

public sealed record UpdateSurveyTemplateCommand(Guid TemplateId, SurveyTemplateRequest Template, string? IfMatch = null) : ICommand<SurveyTemplateView>;

public sealed class UpdateSurveyTemplateValidator : AbstractValidator<UpdateSurveyTemplateCommand>
{
    public UpdateSurveyTemplateValidator() =>
        RuleFor(c => c.Template).Custom((template, context) =>
        {
            foreach (var failure in SurveyTemplateRules.Check(template)) context.AddFailure(failure);
        });
}

/// <summary>
/// A full replacement. When a return visit has used the current version, changed questions become version N+1 (the
/// current one from then on) and the used version stays as it was, for the answers given to it; otherwise the current
/// version is edited in place. A change of name alone makes no version.
/// </summary>
public sealed class UpdateSurveyTemplateHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<UpdateSurveyTemplateCommand, SurveyTemplateView>
{
    public async ValueTask<SurveyTemplateView> Handle(UpdateSurveyTemplateCommand command, CancellationToken ct)
    {
        var template = await db.LockTemplateAsync(command.TemplateId, ct); // 404, also another tenant's
        ETags.EnsureMatches(command.IfMatch, template.Version);            // 412 when stale
        var versions = await db.LockVersionsAsync(template.Id, ct);        // no visit starts using one until this commits
        var used = await db.UsedVersionIdsAsync(versions.Select(v => v.Id).ToList(), ct);
        var current = versions.Single(v => v.Id == template.CurrentVersionId);
        var currentUsed = used.Contains(current.Id);

        var everAsked = versions.SelectMany(v => v.Questions.Items).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var questions = SurveyTemplateRules.ToQuestions(command.Template.Questions!, everAsked);
        var failures = SurveyTemplateRules.CheckStableTypes(questions, versions.Where(v => used.Contains(v.Id) || v.Id != current.Id)).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);

        var name = command.Template.Name!.Trim();
        if (!string.Equals(name, template.Name, StringComparison.OrdinalIgnoreCase)) await db.EnsureSurveyNameFreeAsync(name, template.Id, ct); // 409
        var now = clock.GetUtcNow();
        template.Name = name;
        template.UpdatedAt = now;

        var shown = current;
        if (!SurveyTemplateRules.SameQuestions(current.Questions.Items, questions))
        {
            if (currentUsed)
            {
                shown = new SurveyTemplateVersion
                {
                    Id = Guid.CreateVersion7(now), TemplateId = template.Id, Number = versions.Max(v => v.Number) + 1, CreatedAt = now,
                    Questions = new SurveyQuestionList { Items = questions },
                };
                db.SurveyTemplateVersions.Add(shown);
                template.CurrentVersionId = shown.Id;
                template.CurrentVersionNumber = shown.Number;
            }
            else current.Questions = new SurveyQuestionList { Items = questions };
        }
        await db.SaveChangesAsync(ct); // xmin moves on save; the view carries the new version
        return SurveyTemplateView.From(template, shown, inUse: shown == current && currentUsed);
    }
}

public static class UpdateSurveyTemplateEndpoint
{
    public static RouteHandlerBuilder MapUpdateSurveyTemplate(this IEndpointRouteBuilder api) =>
        api.MapPut("/survey-templates/{id:guid}", async (Guid id, SurveyTemplateRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var template = await sender.Send(new UpdateSurveyTemplateCommand(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(template.Version);
                return TypedResults.Ok(template);
            })
            .WithName("UpdateSurveyTemplate").WithTags("Survey templates")
            .WithSummary("Replace a survey template's name and questions (conditional with If-Match)")
            .WithDescription("Full replacement. " + SurveyTemplateDocs.Body + " When a return visit has used the current version, " +
                             "changed questions become a new version (versionNumber + 1), which new visits use; the used version keeps " +
                             "its questions for the answers given to it (GET ?version=N). Otherwise the current version is changed in " +
                             "place. A question keeps the type it was asked as (400 on questions[i].type). Send the ETag from a " +
                             "previous read in If-Match; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
}
