using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Departments.UpdateDepartment;

/// <summary>A field left out (null) keeps its value; an empty description clears it.</summary>
public sealed record UpdateDepartmentRequest(string? Name = null, string? Description = null, bool? Archived = null);

public sealed record UpdateDepartmentCommand(Guid DepartmentId, string? Name, string? Description, bool? Archived, string? IfMatch = null)
    : ICommand<DepartmentView>;

public sealed class UpdateDepartmentValidator : AbstractValidator<UpdateDepartmentCommand>
{
    public UpdateDepartmentValidator()
    {
        RuleFor(c => c.Name).ValidDepartmentName().When(c => c.Name is not null);
        RuleFor(c => c.Description).ValidDepartmentDescription();
    }
}

/// <summary>Archiving keeps the department on the complaints it has; it is only no longer offered for routing new ones.</summary>
public sealed class UpdateDepartmentHandler(AppDbContext db) : ICommandHandler<UpdateDepartmentCommand, DepartmentView>
{
    public async ValueTask<DepartmentView> Handle(UpdateDepartmentCommand command, CancellationToken ct)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == command.DepartmentId, ct)
                         ?? throw new NotFoundException("Department");
        ETags.EnsureMatches(command.IfMatch, department.Version); // 412 when stale

        if (command.Name is not null)
        {
            var name = command.Name.Trim();
            if (!string.Equals(name, department.Name, StringComparison.OrdinalIgnoreCase))
                await db.EnsureDepartmentNameFreeAsync(name, department.Id, ct); // 409
            department.Name = name;
        }
        if (command.Description is not null) department.Description = DepartmentRules.CleanDescription(command.Description);
        if (command.Archived is { } archived) department.Archived = archived;

        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        return await db.LoadDepartmentViewAsync(department.Id, ct);
    }
}
