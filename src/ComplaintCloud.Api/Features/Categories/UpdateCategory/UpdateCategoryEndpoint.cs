using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Categories.UpdateCategory;

public static class UpdateCategoryEndpoint
{
    public static RouteHandlerBuilder MapUpdateCategory(this IEndpointRouteBuilder api) =>
        api.MapPatch("/categories/{id:guid}", async (Guid id, UpdateCategoryRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var category = await sender.Send(new UpdateCategoryCommand(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(category.Version);
                return TypedResults.Ok(category);
            })
            .WithName("UpdateCategory").WithTags("Categories")
            .WithSummary("Rename, move, archive or unarchive a category (conditional with If-Match)")
            .WithDescription("Changes the given fields and leaves the others: name; parentId to move the category and its subcategories " +
                             "under another one, or topLevel: true to move it to the top level; archived. Moving under itself or one of " +
                             "its own subcategories is 409 naming both; a missing or archived parent, or a move that would nest deeper " +
                             $"than {Category.MaxDepth} levels, is 400. A sibling with the same name is 409. Archiving does not archive " +
                             "subcategories, but hides them from pickers (selectable: false) until the category is unarchived. Send the " +
                             "ETag from a previous read in If-Match to make the update conditional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
}
