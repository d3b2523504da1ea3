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
        if (body.AllOf is { Count: > 0 }) return; // the body's optional wrapper around the component: the component holds the fields
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
        // An enum is a reference to its schema: wrapped, as Swashbuckle wraps one, so that it too can be null.
        if (generated is not OpenApiSchema property)
            return new OpenApiSchema { AllOf = [generated], Type = JsonSchemaType.Null, Description = field.Description };
        property.Type |= JsonSchemaType.Null;
        property.Description = field.Description;
        if (field.Kind == ActionFieldKind.Currency) (property.MinLength, property.Pattern) = (3, "^[A-Za-z]{3}$");
        if (field.MaxLength is { } max) property.MaxLength = max;
        return property;
    }
}
