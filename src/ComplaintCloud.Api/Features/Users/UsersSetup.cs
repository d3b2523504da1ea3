namespace ComplaintCloud.Api.Features.Users;

/// <summary>The users' services: invitation emails.</summary>
public static class UsersSetup
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddScoped<InvitationEmails>();
        return services;
    }
}
