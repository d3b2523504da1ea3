using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Categories.GetCategory;

public sealed record GetCategoryQuery(Guid Id) : IQuery<CategoryView>;

public sealed class GetCategoryHandler(AppDbContext db) : IQueryHandler<GetCategoryQuery, CategoryView>
{
    public async ValueTask<CategoryView> Handle(GetCategoryQuery query, CancellationToken ct) => await db.LoadCategoryViewAsync(query.Id, ct);
}

public static class GetCategoryEndpoint
{
    public static RouteHandlerBuilder MapGetCategory(this IEndpointRouteBuilder api) =>
        api.MapGet("/categories/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var category = await sender.Send(new GetCategoryQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(category.Version);
                return TypedResults.Ok(category);
            })
            .WithName("GetCategory").WithTags("Categories")
            .WithSummary("Read one category, with the ETag for conditional updates")
            .WithDescription("The category with its path and depth, and an ETag to send in If-Match when changing it.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
