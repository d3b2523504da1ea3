using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Tenants.UpdateCurrentTenant;

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateTenantRequest(string? Name, string? TimeZone, string? Locale);

public sealed record UpdateCurrentTenantCommand(string? Name, string? TimeZone, string? Locale, string? IfMatch)
    : ICommand<TenantView>;

public sealed class UpdateCurrentTenantValidator : AbstractValidator<UpdateCurrentTenantCommand>
{
    public UpdateCurrentTenantValidator()
    {
        RuleFor(c => c.Name!).ValidTenantName().When(c => c.Name is not null);
        RuleFor(c => c.TimeZone!).ValidTimeZone().When(c => c.TimeZone is not null);
        RuleFor(c => c.Locale!).ValidLocale().When(c => c.Locale is not null);
    }
}

public sealed class UpdateCurrentTenantHandler(AppDbContext db, ITenantContext tenant)
    : ICommandHandler<UpdateCurrentTenantCommand, TenantView>
{
    public async ValueTask<TenantView> Handle(UpdateCurrentTenantCommand command, CancellationToken ct)
    {
        var id = tenant.RequiredTenantId;
        var row = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Tenant");
        ETags.EnsureMatches(command.IfMatch, row.Version);

        if (command.Name is not null) row.Name = command.Name.Trim();
        if (command.TimeZone is not null) row.TimeZone = command.TimeZone;
        if (command.Locale is not null) row.Locale = command.Locale;

        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        return TenantView.From(row);
    }
}

public static class UpdateCurrentTenantEndpoint
{
    public static RouteHandlerBuilder MapUpdateCurrentTenant(this IEndpointRouteBuilder api) =>
        api.MapPatch("/tenants/current", async (UpdateTenantRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var tenant = await sender.Send(new UpdateCurrentTenantCommand(body.Name, body.TimeZone, body.Locale, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(tenant.Version);
                return TypedResults.Ok(tenant);
            })
            .WithName("UpdateCurrentTenant").WithTags("Tenant")
            .WithSummary("Change the tenant's name, time zone or locale (conditional with If-Match)")
            .WithDescription("Changes the given fields and leaves the others. Send the ETag from a previous read in If-Match to make the update conditional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(412);
}
