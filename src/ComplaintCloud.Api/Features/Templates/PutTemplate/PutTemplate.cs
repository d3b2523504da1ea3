using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Templates.PutTemplate;

public sealed record TemplateBody([property: Required] string? Subject, [property: Required] string? Body);

public sealed record PutTemplateCommand(string Kind, string Language, string? Subject, string? Body) : ICommand<TemplateView>;

public sealed class PutTemplateValidator : AbstractValidator<PutTemplateCommand>
{
    public PutTemplateValidator()
    {
        RuleFor(c => c.Kind).Must(TemplateCatalog.Kinds.Contains)
            .WithMessage($"Unknown template kind. The kinds are: {string.Join(", ", TemplateCatalog.Kinds)}.");
        RuleFor(c => c.Language).Must(TemplateCatalog.Languages.Contains)
            .WithMessage($"Unknown language. The languages are: {string.Join(", ", TemplateCatalog.Languages)}.");
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(998);
        RuleFor(c => c.Body).NotEmpty().MaximumLength(20000);
        // One trial render of both parts with sample values, so a slow template costs its budget once per save.
        RuleFor(c => c).Custom((c, context) =>
        {
            if (string.IsNullOrEmpty(c.Subject) || string.IsNullOrEmpty(c.Body)) return;
            var trial = TemplateRenderer.Try(new TemplateText(c.Subject, c.Body), TemplateValues.Sample);
            if (trial.SubjectError is { } subject)
                context.AddFailure(nameof(c.Subject), $"The subject is not a valid Liquid template: {subject}");
            if (trial.BodyError is { } body)
                context.AddFailure(nameof(c.Body), $"The body is not a valid Liquid template: {body}");
        });
    }
}

/// <summary>Creates or replaces the workspace's wording for one kind and language.</summary>
public sealed class PutTemplateHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<PutTemplateCommand, TemplateView>
{
    public async ValueTask<TemplateView> Handle(PutTemplateCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Kind == command.Kind && t.Language == command.Language, ct);
        if (template is null)
        {
            template = new MessageTemplate { Id = Guid.CreateVersion7(now), Kind = command.Kind, Language = command.Language, Subject = "", Body = "" };
            db.MessageTemplates.Add(template);
        }
        template.Subject = command.Subject!;
        template.Body = command.Body!;
        template.UpdatedAt = now;
        return new TemplateView(template.Kind, template.Language, template.Subject, template.Body, false, now);
    }
}

public static class PutTemplateEndpoint
{
    public static RouteHandlerBuilder MapPutTemplate(this IEndpointRouteBuilder api) =>
        api.MapPut("/templates/{kind}/{language}", async (string kind, string language, TemplateBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PutTemplateCommand(kind, language, body.Subject, body.Body), ct)))
            .WithName("PutTemplate").WithTags("Templates")
            .WithSummary("Set the workspace's own wording of an outgoing email")
            .WithDescription("Body: subject, body, both Liquid templates using number, subject, customer_name, body and status_link (and survey_link, opt_out_link in the survey kinds). " +
                             "A template that does not parse is a 400 naming the error. The subject always carries the complaint number " +
                             "(it is appended when the wording leaves it out), so customers' answers thread back.")
            .WithParameterValues("kind", TemplateCatalog.Kinds).WithParameterValues("language", TemplateCatalog.Languages)
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
