using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Surveys.CreateSurveyTemplate;

public sealed record CreateSurveyTemplateCommand(SurveyTemplateRequest Template) : ICommand<SurveyTemplateView>;

public sealed class CreateSurveyTemplateValidator : AbstractValidator<CreateSurveyTemplateCommand>
{
    public CreateSurveyTemplateValidator() =>
        RuleFor(c => c.Template).Custom((template, context) =>
        {
            foreach (var failure in SurveyTemplateRules.Check(template)) context.AddFailure(failure);
        });
}

/// <summary>A new template starts at version 1 and is not the default (POST /{id}/default makes it so).</summary>
public sealed class CreateSurveyTemplateHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateSurveyTemplateCommand, SurveyTemplateView>
{
    public async ValueTask<SurveyTemplateView> Handle(CreateSurveyTemplateCommand command, CancellationToken ct)
    {
        var name = command.Template.Name!.Trim();
        var all = await db.LockTemplatesAsync(ct); // creates take turns: the count and the name stay true until the commit
        if (all.Count >= SurveyTemplateRules.MaxTemplates)
            throw new ConflictException($"A workspace has at most {SurveyTemplateRules.MaxTemplates} survey templates; delete one first.");
        await db.EnsureSurveyNameFreeAsync(name, null, ct); // 409

        var now = clock.GetUtcNow();
        var template = new SurveyTemplate { Id = Guid.CreateVersion7(now), Name = name, CurrentVersionNumber = 1, CreatedAt = now, UpdatedAt = now };
        var version = new SurveyTemplateVersion
        {
            Id = Guid.CreateVersion7(now), TemplateId = template.Id, Number = 1, CreatedAt = now,
            Questions = new SurveyQuestionList { Items = SurveyTemplateRules.ToQuestions(command.Template.Questions!, []) },
        };
        template.CurrentVersionId = version.Id;
        db.SurveyTemplates.Add(template);
        db.SurveyTemplateVersions.Add(version);
        await db.SaveChangesAsync(ct); // the ETag is the row's xmin, known only once written
        return SurveyTemplateView.From(template, version, inUse: false);
    }
}

public static class CreateSurveyTemplateEndpoint
{
    public static RouteHandlerBuilder MapCreateSurveyTemplate(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-templates", async (SurveyTemplateRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var template = await sender.Send(new CreateSurveyTemplateCommand(body), ct);
                http.Response.Headers.ETag = ETags.From(template.Version);
                return TypedResults.Created($"/api/v1/survey-templates/{template.Id}", template);
            })
            .WithName("CreateSurveyTemplate").WithTags("Survey templates")
            .WithSummary("Create a survey template")
            .WithDescription(SurveyTemplateDocs.Body + " The new template is version 1 and not the default. At most " +
                             SurveyTemplateRules.MaxTemplates + " templates per workspace (409). Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
