using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.SlaPolicies.DeleteSlaPolicy;

public sealed record DeleteSlaPolicyCommand(Guid PolicyId, string? IfMatch = null) : ICommand<bool>;

/// <summary>
/// The default policy stays (409). The policy is gone before the timers slice is told, so running timers under it are
/// re-matched against the remaining policies, in the same unit of work.
/// </summary>
public sealed class DeleteSlaPolicyHandler(AppDbContext db, ISlaRecompute recompute) : ICommandHandler<DeleteSlaPolicyCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteSlaPolicyCommand command, CancellationToken ct)
    {
        var all = await db.LockPoliciesAsync(ct);
        var policy = all.SingleOrDefault(p => p.Id == command.PolicyId) ?? throw new NotFoundException("SLA policy");
        ETags.EnsureMatches(command.IfMatch, policy.Version);
        if (policy.IsDefault) throw new ConflictException("The default policy cannot be deleted: every complaint must match a policy. Edit it instead.");
        db.SlaPolicies.Remove(policy);
        await db.SaveChangesAsync(ct);
        await recompute.PolicyDeletedAsync(policy.Id, ct);
        return true;
    }
}

public static class DeleteSlaPolicyEndpoint
{
    public static RouteHandlerBuilder MapDeleteSlaPolicy(this IEndpointRouteBuilder api) =>
        api.MapDelete("/sla-policies/{id:guid}", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSlaPolicyCommand(id, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteSlaPolicy").WithTags("SLA policies")
            .WithSummary("Delete an SLA policy")
            .WithDescription("204 when deleted. Running timers under it are re-matched to the remaining policies. The default policy " +
                             "cannot be deleted (409). If-Match is optional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
}
