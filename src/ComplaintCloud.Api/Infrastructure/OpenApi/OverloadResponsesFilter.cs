using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares the answers that come from the pipeline rather than from an endpoint, on every operation they can reach:
/// 503 with Retry-After (the admission queue is full, or the database is out of reach) and, for a workspace's API
/// key, 429 with Retry-After (its rate limit). Endpoints cannot declare them with ProducesProblem without each one
/// repeating the same two lines, and a new endpoint would be wrong until someone remembered them.
/// </summary>
public sealed class OverloadResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true) return;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= new OpenApiResponses();

        var byWorkspaceKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<PlatformKeyFilterMarker>().Any();
        if (byWorkspaceKey)
            operation.Responses.TryAdd("429", Response(problem, "Too Many Requests: the workspace's rate limit (RateLimit-* headers) is used up.",
                "Seconds until the limit has room again."));
        operation.Responses.TryAdd("503", Response(problem,
            "Service Unavailable: too many requests are waiting on this server, or the database is briefly out of reach. Nothing was " +
            "saved unless the problem says the outcome is unknown; retry after Retry-After with the same Idempotency-Key.",
            $"Seconds to wait: {ServiceBusyException.RetryAfterSeconds} when the server is busy, {TransientDatabaseFailures.RetryAfterSeconds} " +
            "when the database is out of reach."));
    }

    private static OpenApiResponse Response(IOpenApiSchema problem, string description, string retryAfter) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = retryAfter, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            },
        },
    };
}
