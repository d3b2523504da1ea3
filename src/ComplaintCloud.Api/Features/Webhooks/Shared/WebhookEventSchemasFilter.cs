using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>
/// Puts the <c>data</c> of every webhook event type in the document's components, generated from its record (the
/// catalogue, GET /webhooks/event-types, names each one's schema). Every property is always sent, so each is required.
/// </summary>
public sealed class WebhookEventSchemasFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var type in WebhookEventTypes.All)
        {
            context.SchemaGenerator.GenerateSchema(type.DataType, context.SchemaRepository);
            if (context.SchemaRepository.Schemas.TryGetValue(type.SchemaName, out var found) && found is OpenApiSchema schema)
            {
                schema.Description = $"The data of the webhook event '{type.Type}'{(type.Reserved ? " (reserved: not sent yet)" : "")}: {type.Description}";
                if (schema.Properties is { Count: > 0 } properties) schema.Required = new SortedSet<string>(properties.Keys, StringComparer.Ordinal);
            }
        }
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in context.SchemaRepository.Schemas) document.Components.Schemas.TryAdd(name, schema);
    }
}
