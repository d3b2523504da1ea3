using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// The action body's schema, from the descriptors (the body is read per action, not bound to a record): every field any
/// action takes, typed as its kind, with which actions take it; and which fields each action takes.
/// </summary>
public sealed class ComplaintActionBodySchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ComplaintActionRequest) || schema is not OpenApiSchema body) return;
        body.Type = JsonSchemaType.Object;
        body.Description = "The fields each action takes (* required): " + string.Join("; ", ComplaintActions.All.Select(a =>
            $"{a.Name}: {(a.Fields.Count == 0 ? "none" : string.Join(", ", a.Fields.Select(f => f.Required ? f.Name + "*" : f.Name)))}")) +
            ". Fields an action does not take are ignored.";
        body.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var field in ComplaintActions.AllFields)
            body.Properties[field.Name] = Property(field, context);
        body.AdditionalPropertiesAllowed = false;
    }

    private static IOpenApiSchema Property(ActionBodyField field, SchemaFilterContext context)
    {
        var generated = context.SchemaGenerator.GenerateSchema(field.ValueType, context.SchemaRepository);
        if (generated is not OpenApiSchema property) return generated; // an enum: a reference to its schema
        property.Type |= JsonSchemaType.Null;
        property.Description = field.Description;
        if (field.Kind == ActionFieldKind.Currency) (property.MinLength, property.Pattern) = (3, "^[A-Za-z]{3}$");
        if (field.MaxLength is { } max) property.MaxLength = max;
        return property;
    }
}
