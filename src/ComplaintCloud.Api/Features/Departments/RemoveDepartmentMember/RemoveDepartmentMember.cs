using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Departments.RemoveDepartmentMember;

public sealed record RemoveDepartmentMemberCommand(Guid DepartmentId, Guid UserId) : ICommand<bool>;

/// <summary>Removing someone keeps the complaints assigned to them; only their place in the department's queue goes.</summary>
public sealed class RemoveDepartmentMemberHandler(AppDbContext db) : ICommandHandler<RemoveDepartmentMemberCommand, bool>
{
    public async ValueTask<bool> Handle(RemoveDepartmentMemberCommand command, CancellationToken ct)
    {
        var membership = await db.DepartmentMembers
                             .SingleOrDefaultAsync(m => m.DepartmentId == command.DepartmentId && m.UserId == command.UserId, ct)
                         ?? throw new NotFoundException("Department membership");
        db.DepartmentMembers.Remove(membership);
        return true;
    }
}

public static class RemoveDepartmentMemberEndpoint
{
    public static RouteHandlerBuilder MapRemoveDepartmentMember(this IEndpointRouteBuilder api) =>
        api.MapDelete("/departments/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemoveDepartmentMemberCommand(id, userId), ct);
                return TypedResults.NoContent();
            })
            .WithName("RemoveDepartmentMember").WithTags("Departments")
            .WithSummary("Remove a member from a department")
            .WithDescription("204 when removed; 404 when the department does not exist or the user is not one of its members.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
