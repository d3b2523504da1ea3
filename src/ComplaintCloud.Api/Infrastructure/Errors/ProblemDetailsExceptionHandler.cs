using System.Text.Json;
using ComplaintCloud.Api.Infrastructure.Http;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Errors;

/// <summary>The one place where exceptions become RFC 9457 problem responses. No stack traces leave the process.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception);
        if (problem.Status == 503) log.LogWarning("The database is out of reach: {Reason}", exception.GetBaseException().Message);
        else if (problem.Status >= 500) log.LogError(exception, "Unhandled exception");
        else log.LogInformation("Request failed with {Status}: {Detail}", problem.Status, problem.Detail);

        http.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == 503) http.Response.Headers.RetryAfter = TransientDatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// Answers with the problem for <paramref name="exception"/> and a Retry-After header. Written directly rather
    /// than thrown by the limiters: the exception handler clears headers, and Retry-After must survive.
    /// </summary>
    public static Task WriteWithRetryAfterAsync(HttpContext http, IProblemDetailsService problems, AppException exception, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = exception.Status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = ToProblem(exception) }).AsTask();
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        AppException app => WithExtensions(new ProblemDetails { Status = app.Status, Title = app.Title, Detail = app.Message }, app.Extensions),
        InvalidValueException invalid => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(invalid.Field)] = [invalid.Message] })
        {
            Status = 400, Title = "One or more fields are invalid.",
        },
        DomainRuleException rule => WithExtensions(rule switch
        {
            NotThereException => new ProblemDetails { Status = 404, Title = "Not found", Detail = rule.Message },
            ForbiddenStepException => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = rule.Message },
            _ => new ProblemDetails { Status = 409, Title = "Conflict", Detail = rule.Message },
        }, rule.Details),
        ValidationException validation => new HttpValidationProblemDetails(validation.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = 400, Title = "One or more fields are invalid.",
        },
        NulCharacterException nul => NulProblem(nul),
        BadHttpRequestException { InnerException: NulCharacterException nul } => NulProblem(nul),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode, Title = "Bad request", Detail = DescribeBadRequest(bad),
        },
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = 412, Title = "Precondition failed", Detail = "The resource was changed by someone else; fetch it again and retry.",
        },
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
        {
            Status = 409, Title = "Conflict", Detail = "A resource with the same unique value already exists.",
        },
        CommitOutcomeUnknownException => new ProblemDetails
        {
            Status = 503, Title = "Service unavailable",
            Detail = "The database connection failed while saving; the change may or may not have been made. Retry with the same Idempotency-Key.",
        },
        _ when TransientDatabaseFailures.Is(exception) => new ProblemDetails
        {
            Status = 503, Title = "Service unavailable", Detail = "The database is briefly out of reach; nothing was saved. Retry shortly.",
        },
        OperationCanceledException => new ProblemDetails { Status = 499, Title = "Client closed request" },
        _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The error has been logged." },
    };

    // Shaped like a validation failure, so a client shows it on the field as any other.
    private static HttpValidationProblemDetails NulProblem(NulCharacterException nul) =>
        new(new Dictionary<string, string[]> { [nul.Field] = [NulCharacterException.Refusal] })
        {
            Status = 400, Title = "One or more fields are invalid.", Detail = $"'{nul.Field}' contains a NUL character (U+0000), which is not allowed.",
        };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    // Malformed JSON and wrong types surface here; name where in the body it went wrong, not our types.
    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { } path } => $"The request body is not valid for this operation (at '{path}').",
        JsonException => "The request body is not valid JSON.",
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        // Minimal APIs' words for a missing body ("Implicit body inferred ... Did you mean to use a Service instead?") are for developers.
        _ when bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) => "The request needs a JSON body.",
        _ => bad.Message,
    };
}
