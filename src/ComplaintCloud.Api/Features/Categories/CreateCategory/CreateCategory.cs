using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Categories.CreateCategory;

public sealed record CreateCategoryRequest([property: Required] string? Name, Guid? ParentId);

public sealed record CreateCategoryCommand(string? Name, Guid? ParentId) : ICommand<CategoryView>;

public sealed class CreateCategoryValidator : AbstractValidator<CreateCategoryCommand>
{
    public CreateCategoryValidator() => RuleFor(c => c.Name).ValidCategoryName();
}

public sealed class CreateCategoryHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateCategoryCommand, CategoryView>
{
    public async ValueTask<CategoryView> Handle(CreateCategoryCommand command, CancellationToken ct)
    {
        var name = command.Name!.Trim();
        var tree = await CategoryTree.LoadAsync(db, ct);
        if (command.ParentId is { } parentId) CategoryRules.UsableParent(tree, parentId); // 400: missing, archived, too deep
        CategoryRules.EnsureNameFreeAmongSiblings(tree, command.ParentId, name, null);   // 409

        var now = clock.GetUtcNow();
        var category = new Category { Id = Guid.CreateVersion7(now), ParentId = command.ParentId, Name = name, CreatedAt = now };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct); // the ETag of the response is the row's xmin, known only once written
        return await db.LoadCategoryViewAsync(category.Id, ct);
    }
}

public static class CreateCategoryEndpoint
{
    public static RouteHandlerBuilder MapCreateCategory(this IEndpointRouteBuilder api) =>
        api.MapPost("/categories", async (CreateCategoryRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var category = await sender.Send(new CreateCategoryCommand(body.Name, body.ParentId), ct);
                http.Response.Headers.ETag = ETags.From(category.Version);
                return TypedResults.Created($"/api/v1/categories/{category.Id}", category);
            })
            .WithName("CreateCategory").WithTags("Categories")
            .WithSummary("Add a top-level category or a subcategory")
            .WithDescription($"Body: name (1 to 100 characters) and an optional parentId. Siblings have distinct names regardless of case " +
                             $"(409 otherwise). The parent must exist and not be archived, and categories nest at most {Category.MaxDepth} " +
                             "levels deep (400 on parentId otherwise). Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
