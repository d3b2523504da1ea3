using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Categories.ListCategories;

public sealed record ListCategoriesQuery : IQuery<CategoryList>;

public sealed class ListCategoriesHandler(AppDbContext db) : IQueryHandler<ListCategoriesQuery, CategoryList>
{
    public async ValueTask<CategoryList> Handle(ListCategoriesQuery query, CancellationToken ct)
    {
        var tree = await CategoryTree.LoadAsync(db, ct);
        var hidden = CategoryTree.HiddenIds(tree);
        return new CategoryList(tree.Select(n => CategoryView.From(n, hidden)).ToList());
    }
}

public static class ListCategoriesEndpoint
{
    public static RouteHandlerBuilder MapListCategories(this IEndpointRouteBuilder api) =>
        api.MapGet("/categories", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListCategoriesQuery(), ct)))
            .WithName("ListCategories").WithTags("Categories")
            .WithSummary("The workspace's whole category tree as one flat list (not paginated)")
            .WithDescription("Every category, parents before their children and siblings by name, with parentId, a display path such as " +
                             "\"Delivery / Late delivery\", depth (1 for top level) and archived. A workspace has tens to hundreds of " +
                             "categories, so the list is not paginated. Archived categories stay on the complaints that have them but are " +
                             "not offered for new ones; archiving a category also hides its subcategories from pickers without archiving " +
                             "them: selectable is false for an archived category and everything under it.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
