using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Departments.AddDepartmentMember;

public sealed record AddDepartmentMemberCommand(Guid DepartmentId, Guid UserId) : ICommand<DepartmentMemberView>;

/// <summary>Idempotent: adding someone who is already a member changes nothing and answers the same.</summary>
public sealed class AddDepartmentMemberHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<AddDepartmentMemberCommand, DepartmentMemberView>
{
    public async ValueTask<DepartmentMemberView> Handle(AddDepartmentMemberCommand command, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == command.DepartmentId)
                             .Select(d => new { d.Name, d.Archived }).SingleOrDefaultAsync(ct)
                         ?? throw new NotFoundException("Department");
        var person = await db.TenantMembers.AsNoTracking().Where(m => m.UserId == command.UserId)
            .Select(m => new { m.Role, m.Disabled, m.DisplayName, m.Email }).SingleOrDefaultAsync(ct);
        if (person is null || person.Disabled)
            throw new ValidationException([new ValidationFailure("userId", "The user is not an active member of this workspace.")]);

        var existing = await db.DepartmentMembers.AsNoTracking()
            .SingleOrDefaultAsync(m => m.DepartmentId == command.DepartmentId && m.UserId == command.UserId, ct);
        if (existing is null)
        {
            if (department.Archived) throw new ConflictException($"'{department.Name}' is archived; unarchive it before adding members.");
            existing = new DepartmentMember { DepartmentId = command.DepartmentId, UserId = command.UserId, AddedAt = clock.GetUtcNow() };
            db.DepartmentMembers.Add(existing);
        }
        return new DepartmentMemberView(command.UserId, person.DisplayName, person.Email, person.Role, existing.AddedAt);
    }
}

public static class AddDepartmentMemberEndpoint
{
    public static RouteHandlerBuilder MapAddDepartmentMember(this IEndpointRouteBuilder api) =>
        api.MapPut("/departments/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AddDepartmentMemberCommand(id, userId), ct)))
            .WithName("AddDepartmentMember").WithTags("Departments")
            .WithSummary("Add a workspace member to a department (idempotent)")
            .WithDescription("The user must be an active (not disabled) member of the workspace: 400 otherwise. Adding someone who is " +
                             "already a member answers 200 with the same membership. An archived department takes no new members (409).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
