using System.Text.Json;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.ReturnVisits.Answer;

/// <summary>An answer as sent: value is an integer (CSAT, NPS), a boolean (yes/no), an option id (single choice) or text.</summary>
public sealed record SurveyAnswerInput([property: Required] string? QuestionId, [property: Required] JsonElement Value);

public sealed record RecordResponseRequest([property: Required] List<SurveyAnswerInput>? Answers, string? Notes = null);

/// <summary>Answers for a visit, collected by whoever calls (an integrator's own channel, the survey page, an agent's call).</summary>
public sealed record RecordResponseCommand(Guid VisitId, IReadOnlyList<RawSurveyAnswer>? Answers, SurveyResponseSource Source, string? Notes)
    : ICommand<SurveyResponseView>;

public sealed class RecordResponseValidator : AbstractValidator<RecordResponseCommand>
{
    public RecordResponseValidator()
    {
        RuleFor(c => c.Answers).NotNull().OverridePropertyName("answers").WithMessage("Send the answers: [{ questionId, value }].");
        // A value is any JSON, read past the string converter that refuses NUL characters elsewhere; PostgreSQL's jsonb refuses them too.
        RuleFor(c => c.Answers).Custom((answers, context) =>
        {
            for (var i = 0; i < (answers?.Count ?? 0); i++)
                if (answers![i].Value.ValueKind == System.Text.Json.JsonValueKind.String && answers[i].Value.GetString()!.Contains('\0'))
                    context.AddFailure($"answers[{i}].value", Infrastructure.Http.NulCharacterException.Refusal);
        });
        RuleFor(c => c.Notes).MaximumLength(SurveyQuestion.MaxTextLength).WithMessage($"Notes are at most {SurveyQuestion.MaxTextLength:N0} characters.");
    }
}

public sealed class RecordResponseHandler(ReturnVisitResponder responder, CurrentActor current)
    : ICommandHandler<RecordResponseCommand, SurveyResponseView>
{
    public async ValueTask<SurveyResponseView> Handle(RecordResponseCommand command, CancellationToken ct)
    {
        var visit = await responder.LockAsync(command.VisitId, ct);
        var actor = command.Source == SurveyResponseSource.EmailLink ? new Domain.Actor(Domain.Actor.Customer, null, "Customer")
            : current.Get();
        return SurveyResponseView.Of(await responder.RecordAsync(visit, command.Answers, command.Source, actor, command.Notes, ct));
    }
}

public static class RecordResponseEndpoint
{
    public static RouteHandlerBuilder MapRecordReturnVisitResponse(this IEndpointRouteBuilder api) =>
        api.MapPost("/return-visits/{id:guid}/responses", async (Guid id, RecordResponseRequest body, ISender sender, CancellationToken ct) =>
            {
                var answers = body.Answers?.Select(a => new RawSurveyAnswer(a.QuestionId, a.Value)).ToList();
                var response = await sender.Send(new RecordResponseCommand(id, answers, SurveyResponseSource.Api, body.Notes), ct);
                return TypedResults.Created($"/api/v1/return-visits/{id}", response);
            })
            .WithName("RecordReturnVisitResponse").WithTags("Return visits")
            .WithSummary("Record answers collected elsewhere")
            .WithDescription("For answers your own channel collected (SMS, app). answers: [{ questionId, value }] with the question ids of " +
                             "GET /api/v1/survey-templates (the visit's template version); value is an integer 1–5 for csat, 0–10 for nps, true or " +
                             "false for yes_no, an option id for single_choice, text up to 2,000 characters for free_text. Required questions need " +
                             "an answer; unknown or repeated question ids and out-of-range values are 400 naming the answer. The visit must be " +
                             "open (scheduled or sent): a second response is 409, and nothing is recorded twice. What follows is the workspace's " +
                             "rule: a satisfied answer records customer-accept (and may close the complaint); a dissatisfied one reopens it or " +
                             "creates a follow-up. The survey.responded event (webhook) carries the answers.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
