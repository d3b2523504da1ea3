using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// Endpoint metadata: the values a path or query parameter accepts. Such parameters are bound as strings and parsed by
/// hand (WireEnum, ComplaintActions.Find), because minimal APIs would bind an enum by its C# name, so ApiExplorer
/// sees only "string". An enum type is described by the document's own enum schema (spelled by the API's serializer);
/// a list of strings (the workflow's action names, template kinds) is described inline.
/// </summary>
public sealed class ParameterValuesMetadata(string parameter, Type? enumType, IReadOnlyList<string>? values)
{
    public string Parameter { get; } = parameter;
    public Type? EnumType { get; } = enumType;
    public IReadOnlyList<string>? Values { get; } = values;
}

/// <summary>
/// Endpoint metadata: a query parameter the request must have, with an example of its value. It is bound as a nullable
/// string so that a missing one is refused by the validator as a field error (400 naming it) rather than by the binder;
/// this says so in the document.
/// </summary>
public sealed class RequiredParameterMetadata(string parameter, string example)
{
    public string Parameter { get; } = parameter;
    public string Example { get; } = example;
}

public static class ParameterValuesExtensions
{
    /// <summary>The query parameter is required (its validator refuses a request without it); <paramref name="example"/> is a valid value.</summary>
    public static RouteHandlerBuilder WithRequiredParameter(this RouteHandlerBuilder endpoint, string parameter, string example) =>
        endpoint.WithMetadata(new RequiredParameterMetadata(parameter, example));

    /// <summary>The parameter takes <typeparamref name="TEnum"/>'s values in their JSON spelling (repeatable when it is an array).</summary>
    public static RouteHandlerBuilder WithEnumParameter<TEnum>(this RouteHandlerBuilder endpoint, string parameter) where TEnum : struct, Enum =>
        endpoint.WithMetadata(new ParameterValuesMetadata(parameter, typeof(TEnum), null));

    /// <summary>The parameter takes one of <paramref name="values"/>.</summary>
    public static RouteHandlerBuilder WithParameterValues(this RouteHandlerBuilder endpoint, string parameter, IEnumerable<string> values) =>
        endpoint.WithMetadata(new ParameterValuesMetadata(parameter, null, values.ToList()));
}

/// <summary>
/// Gives the parameters named by <see cref="ParameterValuesMetadata"/> their enum (items of an array stay an array), and marks
/// those named by <see cref="RequiredParameterMetadata"/> required, with their example.
/// </summary>
public sealed class ParameterValuesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterValuesMetadata>().ToList();
        foreach (var metadata in declared)
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == metadata.Parameter)
                            ?? throw new InvalidOperationException(
                                $"{context.ApiDescription.RelativePath}: no parameter '{metadata.Parameter}' to give its values.");
            var values = metadata.EnumType is { } enumType
                ? context.SchemaGenerator.GenerateSchema(enumType, context.SchemaRepository)
                : new OpenApiSchema { Type = JsonSchemaType.String, Enum = metadata.Values!.Select(v => (JsonNode)JsonValue.Create(v)).ToList() };
            parameter.Schema = parameter.Schema is { Type: { } type } && type.HasFlag(JsonSchemaType.Array)
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = values }
                : values;
        }
        foreach (var required in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredParameterMetadata>())
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == required.Parameter)
                            ?? throw new InvalidOperationException($"{context.ApiDescription.RelativePath}: no parameter '{required.Parameter}' to make required.");
            parameter.Required = true;
            parameter.Example = JsonValue.Create(required.Example);
        }
    }
}
