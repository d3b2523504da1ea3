using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.Surveys.GetSurveyTemplate;

/// <param name="VersionNumber">An earlier version to read (its questions as they were asked); null for the current one.</param>
public sealed record GetSurveyTemplateQuery(Guid Id, int? VersionNumber = null) : IQuery<SurveyTemplateView>;

public sealed class GetSurveyTemplateValidator : AbstractValidator<GetSurveyTemplateQuery>
{
    public GetSurveyTemplateValidator() =>
        RuleFor(q => q.VersionNumber).GreaterThanOrEqualTo(1).OverridePropertyName("version").WithMessage("version is a version number from 1.");
}

public sealed class GetSurveyTemplateHandler(AppDbContext db) : IQueryHandler<GetSurveyTemplateQuery, SurveyTemplateView>
{
    public async ValueTask<SurveyTemplateView> Handle(GetSurveyTemplateQuery query, CancellationToken ct) =>
        await db.LoadSurveyTemplateViewAsync(query.Id, query.VersionNumber, ct); // 404, also for another tenant's
}

public static class GetSurveyTemplateEndpoint
{
    public static RouteHandlerBuilder MapGetSurveyTemplate(this IEndpointRouteBuilder api) =>
        api.MapGet("/survey-templates/{id:guid}", async (Guid id, int? version, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var template = await sender.Send(new GetSurveyTemplateQuery(id, version), ct);
                http.Response.Headers.ETag = ETags.From(template.Version);
                return TypedResults.Ok(template);
            })
            .WithName("GetSurveyTemplate").WithTags("Survey templates")
            .WithSummary("Read one survey template, optionally an earlier version of its questions")
            .WithDescription("The template with its current version's questions, and an ETag for conditional updates. With " +
                             "?version=N, the questions of version N as return visits of that version asked them (404 when the " +
                             "template has no such version). inUse says whether a return visit has used the version shown.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
