using ComplaintCloud.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Infrastructure.OpenApi;

/// <summary>Declares on each operation which credential it takes, read from the endpoint's own metadata.</summary>
public sealed class SecurityRequirementsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        string? scheme = null;
        if (metadata.OfType<IAuthorizeData>().Any()) scheme = "apiKey";
        if (metadata.OfType<PlatformKeyFilterMarker>().Any()) scheme = "platformKey";
        if (scheme is null) return;

        operation.Security ??= new List<OpenApiSecurityRequirement>();
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [],
        });
    }
}

/// <summary>Endpoint metadata saying the platform key guards it (the filter itself is not visible to ApiExplorer).</summary>
public sealed class PlatformKeyFilterMarker;

public sealed class TagDescriptionsFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["Platform"] = "Operator endpoints guarded by the platform key.",
        ["Tenant"] = "The workspace the calling API key belongs to.",
        ["API keys"] = "Credentials for integrations: created, listed and revoked by tenant admins.",
        ["Members"] = "The workspace's people, and the invitations by which people join it.",
        ["Complaints"] = "Intake on every channel, the handling workflow's actions, the timeline and the tenant-wide change feed.",
        ["Attachments"] = "Photos, PDFs and text files on a complaint, typed by their content.",
        ["Messages"] = "Replies to the customer (mailed through the outbox) and internal notes.",
        ["Templates"] = "Per-language email templates of the workspace.",
        ["Import jobs"] = "CSV imports in the background, with progress and a per-row error report.",
        ["Departments"] = "The teams complaints are routed to, and who is in them.",
        ["Categories"] = "The workspace's own category tree for complaints.",
        ["Calendars"] = "Business calendars (time zone, working hours, holidays) that SLA clocks count on, and their arithmetic.",
        ["SLA policies"] = "Ordered SLA policies: which targets, pauses and at-risk thresholds apply to which complaints.",
        ["Survey templates"] = "Return-visit surveys: their questions in English and Chinese, versioned once a visit has used them.",
        ["Reports"] = "Figures for a period in the workspace's time zone, as JSON and as CSV.",
        ["Return visits"] = "回访: the settings, the visits with their status and survey link, and answers collected elsewhere.",
        ["Settings"] = "Workspace rules: the approval threshold, the resolution target and the regulatory profiles attached.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        // Relative server: the document describes whichever host serves it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This ComplaintCloud instance" }];
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).Distinct().Order();
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name, Description = Descriptions.TryGetValue(name!, out var text) ? text : name,
        }));
    }
}
