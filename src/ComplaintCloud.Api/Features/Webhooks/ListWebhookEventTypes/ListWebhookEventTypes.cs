using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;

namespace ComplaintCloud.Api.Features.Webhooks.ListWebhookEventTypes;

public static class ListWebhookEventTypesEndpoint
{
    public static RouteHandlerBuilder MapListWebhookEventTypes(this IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks/event-types", () => TypedResults.Ok(WebhookEventTypes.All
                .Select(t => new WebhookEventTypeView(t.Type, t.Description, t.Reserved, $"#/components/schemas/{t.SchemaName}")).ToList()))
            .WithName("ListWebhookEventTypes").WithTags("Webhooks")
            .WithSummary("The event types a webhook may subscribe to, each with the schema of its data")
            .WithDescription("Every message's body is { \"type\", \"timestamp\", \"data\" }; dataSchema points at the components schema " +
                             "of the type's data in this document. Reserved types are accepted in subscriptions but not sent yet.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
