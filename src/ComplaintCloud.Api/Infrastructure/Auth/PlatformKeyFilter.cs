using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Infrastructure.Auth;

public sealed class PlatformOptions
{
    /// <summary>The operator's key for provisioning tenants (Platform__ApiKey in the environment).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Guards platform-operator endpoints with the X-Platform-Key header (constant-time comparison).</summary>
public sealed class PlatformKeyFilter(Microsoft.Extensions.Options.IOptions<PlatformOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Platform-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.ApiKey;
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = 401, Title = "Unauthorized",
                Detail = string.IsNullOrEmpty(expected)
                    ? "Platform operations are disabled: no platform key is configured."
                    : $"Send the platform operator key in the {HeaderName} header.",
            });
        }
        return await next(context);
    }
}
