using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// Endpoint metadata: the request is multipart/form-data with one required file field. Uploads read their form by hand
/// (an IFormFile parameter, or Accepts metadata, would let routing answer 415 before authentication), so ApiExplorer
/// sees no body; this describes it without taking part in routing.
/// </summary>
public sealed class MultipartFileMetadata(string field, string description)
{
    public string Field { get; } = field;
    public string Description { get; } = description;
}

/// <summary>Endpoint metadata: the request body is text of one media type, read by hand like uploads (see above).</summary>
public sealed class TextBodyMetadata(string mediaType, string description)
{
    public string MediaType { get; } = mediaType;
    public string Description { get; } = description;
}

public static class MultipartFileExtensions
{
    public static RouteHandlerBuilder WithTextBody(this RouteHandlerBuilder endpoint, string mediaType, string description) =>
        endpoint.WithMetadata(new TextBodyMetadata(mediaType, description));

    public static RouteHandlerBuilder WithMultipartFile(this RouteHandlerBuilder endpoint, string field, string description) =>
        endpoint.WithMetadata(new MultipartFileMetadata(field, description));
}

public sealed class MultipartBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<TextBodyMetadata>().LastOrDefault() is { } text)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [text.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = text.Description } },
                },
            };
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MultipartFileMetadata>().LastOrDefault() is not { } upload) return;
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new SortedSet<string> { upload.Field },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [upload.Field] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = upload.Description },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType> { ["multipart/form-data"] = new OpenApiMediaType { Schema = form } },
        };
    }
}
