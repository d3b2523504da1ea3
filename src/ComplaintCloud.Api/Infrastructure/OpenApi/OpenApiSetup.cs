using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddComplaintCloudOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
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
            o.DocumentFilter<TagDescriptionsFilter>();
            o.SchemaFilter<ComplaintActionBodySchemaFilter>();
            o.SupportNonNullableReferenceTypes();
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
