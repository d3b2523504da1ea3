using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Infrastructure.Auth;

public static class PlatformEndpoints
{
    /// <summary>Guards an endpoint with the platform key and says so in the OpenAPI document.</summary>
    public static RouteHandlerBuilder RequirePlatformKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<PlatformKeyFilter>().WithMetadata(new PlatformKeyFilterMarker()).AllowAnonymous();
}
