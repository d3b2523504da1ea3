using System.Security.Claims;
using System.Text.Encodings.Web;
using ComplaintCloud.Api.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ComplaintCloud.Api.Infrastructure.Auth;

/// <summary>Authenticates <c>Authorization: Bearer cc_…</c> API keys; challenges answer with ProblemDetails.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Use the Bearer scheme with an API key.");

        var grant = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (grant is null) return AuthenticateResult.Fail("The API key is unknown, expired or revoked.");

        var claims = new List<Claim>
        {
            new(AppClaims.TenantId, grant.TenantId.ToString()),
            new(AppClaims.ApiKeyId, grant.KeyId.ToString()),
        };
        claims.AddRange(grant.Scopes.Select(s => new Claim(AppClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = 401, Title = "Unauthorized",
                Detail = result.Failure?.Message ?? "Send an API key as 'Authorization: Bearer <key>'.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = ProblemDetailsExceptionHandler.ToProblem(new ForbiddenException("This API key lacks the scope this operation needs.")),
        });
    }
}
