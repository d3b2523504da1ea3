using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddComplaintCloudOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        // Swashbuckle describes types with MVC's JSON options when they exist (Razor Pages registers them), but the API
        // writes and reads with the minimal-API options (camelCase, snake_case string enums): describe with those, so
        // each enum is listed exactly as the serializer spells it.
        services.AddSingleton<ISerializerDataContractResolver>(sp => new JsonSerializerDataContractResolver(
            sp.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions,
            sp.GetRequiredService<IOptions<SchemaGeneratorOptions>>().Value));
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ComplaintCloud API",
                Version = "v1",
                Description = "Multi-tenant complaint handling. Authenticate with 'Authorization: Bearer <API key>'; " +
                              "platform operations use the X-Platform-Key header. Errors are RFC 9457 problem details.",
                Contact = new OpenApiContact { Name = "ComplaintCloud", Email = "support@complaintcloud.example" },
            });
            o.AddSecurityDefinition("apiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "cc_{prefix}_{secret}",
                Description = "A tenant API key.",
            });
            o.AddSecurityDefinition("platformKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Platform-Key",
                Description = "The platform operator key.",
            });
            o.OperationFilter<SecurityRequirementsFilter>();
            o.OperationFilter<ParameterValuesFilter>();
            o.SchemaFilter<WireValuesSchemaFilter>();
            o.OperationFilter<OverloadResponsesFilter>();
            o.OperationFilter<MultipartBodyFilter>();
            o.DocumentFilter<TagDescriptionsFilter>();
            o.DocumentFilter<ResponseSchemasFilter>();
            o.SchemaFilter<ComplaintActionBodySchemaFilter>();
            // C# nullability says where null occurs; a reference to another schema (an enum, a nested object) is wrapped in
            // allOf so that it too can say nullable.
            o.SupportNonNullableReferenceTypes();
            o.UseAllOfToExtendReferenceSchemas();
            o.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    // CursorPage<ApiKeyView> → CursorPageOfApiKeyView: readable and unique per closed generic.
    private static string SchemaId(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaId))
        : type.Name;

    public static void MapComplaintCloudOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint($"/openapi/{DocumentName}.json", "ComplaintCloud API v1");
            o.DocumentTitle = "ComplaintCloud API";
        });
    }
}
