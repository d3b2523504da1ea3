using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>
/// A string property (or list of strings) whose values come from a fixed list kept in code, named by the static member
/// that holds it (<c>ApiKeyScopes.All</c>, <c>ComplaintActions.WireNames</c>): the document lists what the
/// code checks against, with nothing copied.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WireValuesAttribute(Type owner, string member) : Attribute
{
    public IReadOnlyList<string> Values =>
        (owner.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
         ?? owner.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)) as IEnumerable<string> is { } values
            ? values.ToList()
            : throw new InvalidOperationException($"{owner.Name}.{member} is not a public static list of strings.");
}

/// <summary>Gives a property marked with <see cref="WireValuesAttribute"/> its enum; Swashbuckle has no attribute for a list kept in code.</summary>
public sealed class WireValuesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo?.GetCustomAttribute<WireValuesAttribute>() is not { } wire || schema is not OpenApiSchema concrete) return;
        var target = concrete.Type is { } type && type.HasFlag(JsonSchemaType.Array) ? concrete.Items as OpenApiSchema : concrete;
        if (target is null) throw new InvalidOperationException($"{context.MemberInfo.Name}: no string schema to give its values.");
        target.Enum = wire.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
    }
}
