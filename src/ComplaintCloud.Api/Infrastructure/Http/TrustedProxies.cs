using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers we believe.</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";
    /// <summary>Addresses of proxies, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Networks of proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>How many proxies in a row may add an entry (the last N entries of X-Forwarded-For are read).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// Forwarded headers are honoured only from the configured proxies or networks. Without any, they are ignored and
/// the client is the connection's own address: a client cannot choose its rate-limit bucket or claim HTTPS by
/// sending X-Forwarded-For itself. (ASP.NET Core would trust loopback by default; that default is cleared.)
/// </summary>
public static class TrustedProxies
{
    // Read when first resolved: configuration can still change until the host is built (tests do).
    public static void AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrustedProxyOptions>(configuration.GetSection(TrustedProxyOptions.Section));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, options) =>
        {
            var trusted = options.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = trusted.ForwardLimit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownProxies: '{proxy}' is not an IP address."));
            foreach (var network in trusted.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
        });
    }

    public static void UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.Any) app.UseForwardedHeaders();
    }
}
