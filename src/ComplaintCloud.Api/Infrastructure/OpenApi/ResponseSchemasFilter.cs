using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// Says which response properties are always there. Swashbuckle derives <c>required</c> from C# annotations, which say
/// whether a value may be null, not whether the serializer writes it; and one type is one schema, so it cannot tell a
/// response from a request. The API writes every property of its own responses (DefaultIgnoreCondition.Never: a null
/// is written as null), so each is required and C# nullability says where null occurs. A request's required properties
/// are what its validation requires, declared on the request type ([Required]) and honoured by Swashbuckle; a type
/// serving as both would need both rules at once, so that is refused and the type must be split.
/// Problem details are ASP.NET's type, which leaves out what is null: their always-present members are named here.
/// </summary>
public sealed class ResponseSchemasFilter : IDocumentFilter
{
    /// <summary>Set on every problem this API writes: by the exception handler and the limiters (status, title), the problem
    /// details service's customization (instance, traceId).</summary>
    public static readonly string[] ProblemMembersAlwaysSent = ["status", "title", "instance", "traceId"];

    private static readonly string[] ProblemSchemas = [nameof(ProblemDetails), nameof(HttpValidationProblemDetails)];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var operations = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).ToList();
        var requests = Reachable(operations.SelectMany(o => o.RequestBody?.Content?.Values.AsEnumerable() ?? []).Select(m => m.Schema), schemas);
        var responses = Reachable(operations.SelectMany(o => o.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(r => r.Content?.Values.AsEnumerable() ?? []).Select(m => m.Schema), schemas);

        var shared = requests.Intersect(responses).Where(name => schemas[name] is OpenApiSchema { Properties.Count: > 0 }).ToList();
        if (shared.Count > 0)
            throw new InvalidOperationException($"Schemas used by both requests and responses: {string.Join(", ", shared)}. " +
                                                "Give the request its own type: its required properties follow validation, a response's do not.");

        foreach (var name in responses.Except(ProblemSchemas))
            if (schemas[name] is OpenApiSchema { Properties.Count: > 0 } schema)
                schema.Required = new SortedSet<string>(schema.Properties.Keys, StringComparer.Ordinal);

        foreach (var name in ProblemSchemas)
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema problem) DescribeProblem(problem, name);
    }

    private static void DescribeProblem(OpenApiSchema problem, string name)
    {
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        problem.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Find the request in the logs by it." };
        // Members that are null are left out, never written as null.
        foreach (var property in problem.Properties.Values.OfType<OpenApiSchema>())
            if (property.Type is { } type) property.Type = type & ~JsonSchemaType.Null;
        problem.Required = new SortedSet<string>(ProblemMembersAlwaysSent, StringComparer.Ordinal);
        if (name == nameof(HttpValidationProblemDetails))
            problem.Description = "A problem with the request's fields: errors maps each field (by its JSON path, e.g. customer.name) to " +
                                  "what is wrong with it. A 400 that is not about fields (malformed JSON, a refused value in the path) has no errors.";
    }

    private static HashSet<string> Reachable(IEnumerable<IOpenApiSchema?> roots, IDictionary<string, IOpenApiSchema> schemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                var id = reference.Reference.Id!;
                if (found.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                continue;
            }
            foreach (var next in (schema.Properties?.Values.AsEnumerable() ?? [])
                         .Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
                         .Append(schema.Items).Append(schema.AdditionalProperties).OfType<IOpenApiSchema>())
                pending.Push(next);
        }
        return found;
    }
}
