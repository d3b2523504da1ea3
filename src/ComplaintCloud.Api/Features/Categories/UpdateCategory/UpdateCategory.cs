using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Categories.UpdateCategory;

/// <summary>
/// A field left out (null) keeps its value. parentId moves the category (with its subtree) under another one;
/// topLevel: true moves it to the top level (JSON null cannot say "no parent" when null already means "unchanged").
/// </summary>
public sealed record UpdateCategoryRequest(string? Name = null, Guid? ParentId = null, bool? TopLevel = null, bool? Archived = null);

public sealed record UpdateCategoryCommand(Guid CategoryId, UpdateCategoryRequest Changes, string? IfMatch = null) : ICommand<CategoryView>;

public sealed class UpdateCategoryValidator : AbstractValidator<UpdateCategoryCommand>
{
    public UpdateCategoryValidator()
    {
        RuleFor(c => c.Changes.Name).ValidCategoryName().When(c => c.Changes.Name is not null).OverridePropertyName("name");
        RuleFor(c => c.Changes.TopLevel).Must(top => top != true).When(c => c.Changes.ParentId is not null)
            .WithMessage("Give either parentId or topLevel, not both.").OverridePropertyName("topLevel");
    }
}

public sealed class UpdateCategoryHandler(AppDbContext db) : ICommandHandler<UpdateCategoryCommand, CategoryView>
{
    public async ValueTask<CategoryView> Handle(UpdateCategoryCommand command, CancellationToken ct)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, ct) ?? throw new NotFoundException("Category");
        ETags.EnsureMatches(command.IfMatch, category.Version); // 412 when stale
        var changes = command.Changes;
        var tree = await CategoryTree.LoadAsync(db, ct);

        var parentId = changes.TopLevel == true ? null : changes.ParentId ?? category.ParentId;
        if (parentId != category.ParentId && parentId is { } newParent) EnsureCanMoveUnder(tree, category.Id, newParent);

        var name = changes.Name?.Trim() ?? category.Name;
        CategoryRules.EnsureNameFreeAmongSiblings(tree, parentId, name, category.Id); // 409
        category.Name = name;
        category.ParentId = parentId;
        if (changes.Archived is { } archived) category.Archived = archived; // children keep their own flag; see ListCategories

        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        return await db.LoadCategoryViewAsync(category.Id, ct);
    }

    /// <summary>409 for a cycle (under itself or a descendant); 400 when the parent is unusable or the subtree would nest too deep.</summary>
    private static void EnsureCanMoveUnder(IReadOnlyList<CategoryNode> tree, Guid id, Guid newParentId)
    {
        var subtree = CategoryTree.SelfAndDescendants(tree.Select(n => new CategoryLink(n.Id, n.ParentId)).ToList(), id).ToHashSet();
        if (subtree.Contains(newParentId))
        {
            var moved = tree.Single(n => n.Id == id);
            var target = tree.Single(n => n.Id == newParentId);
            throw new ConflictException(newParentId == id
                ? $"'{moved.Path}' cannot be moved under itself."
                : $"'{moved.Path}' cannot be moved under '{target.Path}': that is one of its own subcategories, so the tree would loop.");
        }
        var self = tree.Single(n => n.Id == id);
        var height = tree.Where(n => subtree.Contains(n.Id)).Max(n => n.Depth) - self.Depth + 1;
        CategoryRules.UsableParent(tree, newParentId, height);
    }
}
