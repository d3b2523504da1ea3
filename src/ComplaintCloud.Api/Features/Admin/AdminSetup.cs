using ComplaintCloud.Api.Features.Admin.RequestPasswordReset;
using ComplaintCloud.Api.Features.Admin.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Admin;

/// <summary>
/// The admin's own pages' services: the per-address budgets of sign-in and password reset (SignIn:*, PasswordReset:*)
/// and the reset links, which live as long as PasswordReset:LinkLifetime says.
/// </summary>
public static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInLimitOptions>(configuration.GetSection(SignInLimitOptions.Section));
        services.Configure<PasswordResetOptions>(configuration.GetSection(PasswordResetOptions.Section));
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<IOptions<SignInLimitOptions>>().Value,
            sp.GetRequiredService<IOptions<PasswordResetOptions>>().Value));
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure<IOptions<PasswordResetOptions>>((o, reset) => o.TokenLifespan = reset.Value.LinkLifetime);
        services.AddScoped<PasswordResets>();
        return services;
    }
}
