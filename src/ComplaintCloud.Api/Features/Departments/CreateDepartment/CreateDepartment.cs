using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.Departments.CreateDepartment;

public sealed record CreateDepartmentCommand(string? Name, string? Description) : ICommand<DepartmentView>;

public sealed class CreateDepartmentValidator : AbstractValidator<CreateDepartmentCommand>
{
    public CreateDepartmentValidator()
    {
        RuleFor(c => c.Name).ValidDepartmentName();
        RuleFor(c => c.Description).ValidDepartmentDescription();
    }
}

public sealed class CreateDepartmentHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateDepartmentCommand, DepartmentView>
{
    public async ValueTask<DepartmentView> Handle(CreateDepartmentCommand command, CancellationToken ct)
    {
        var name = command.Name!.Trim();
        await db.EnsureDepartmentNameFreeAsync(name, null, ct); // 409
        var now = clock.GetUtcNow();
        var department = new Department
        {
            Id = Guid.CreateVersion7(now), Name = name, Description = DepartmentRules.CleanDescription(command.Description), CreatedAt = now,
        };
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct); // the ETag of the response is the row's xmin, known only once written
        return new DepartmentView(department.Id, department.Name, department.Description, false, now, [], department.Version);
    }
}
