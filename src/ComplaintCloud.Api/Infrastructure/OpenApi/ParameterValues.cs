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
/// Endpoint metadata: query parameters the request must have. They are bound as nullable strings so that a missing one is
/// refused by the validator as a field error (400 naming it) rather than by the binder; this says so in the document.
/// </summary>
public sealed class RequiredParametersMetadata(IReadOnlyList<string> parameters)
{
    public IReadOnlyList<string> Parameters { get; } = parameters;
}

public static class ParameterValuesExtensions
{
    /// <summary>The query parameters are required (their validator refuses a request without them).</summary>
    public static RouteHandlerBuilder WithRequiredParameters(this RouteHandlerBuilder endpoint, params string[] parameters) =>
        endpoint.WithMetadata(new RequiredParametersMetadata(parameters));

    /// <summary>The parameter takes <typeparamref name="TEnum"/>'s values in their JSON spelling (repeatable when it is an array).</summary>
    public static RouteHandlerBuilder WithEnumParameter<TEnum>(this RouteHandlerBuilder endpoint, string parameter) where TEnum : struct, Enum =>
        endpoint.WithMetadata(new ParameterValuesMetadata(parameter, typeof(TEnum), null));

    /// <summary>The parameter takes one of <paramref name="values"/>.</summary>
    public static RouteHandlerBuilder WithParameterValues(this RouteHandlerBuilder endpoint, string parameter, IEnumerable<string> values) =>
        endpoint.WithMetadata(new ParameterValuesMetadata(parameter, null, values.ToList()));
}

/// <summary>
/// Gives the parameters named by <see cref="ParameterValuesMetadata"/> their enum (items of an array stay an array), and marks
/// those named by <see cref="RequiredParametersMetadata"/> required.
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
        foreach (var name in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredParametersMetadata>().SelectMany(m => m.Parameters))
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name)
                            ?? throw new InvalidOperationException($"{context.ApiDescription.RelativePath}: no parameter '{name}' to make required.");
            parameter.Required = true;
        }
    }
}
