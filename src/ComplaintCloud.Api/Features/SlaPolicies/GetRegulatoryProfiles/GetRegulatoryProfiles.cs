using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.GetRegulatoryProfiles;

public sealed record GetRegulatoryProfilesQuery : IQuery<IReadOnlyList<RegulatoryProfileView>>;

public sealed class GetRegulatoryProfilesHandler(AppDbContext db) : IQueryHandler<GetRegulatoryProfilesQuery, IReadOnlyList<RegulatoryProfileView>>
{
    public async ValueTask<IReadOnlyList<RegulatoryProfileView>> Handle(GetRegulatoryProfilesQuery query, CancellationToken ct) =>
        (await db.RegulatoryProfiles.AsNoTracking().OrderBy(p => p.Profile).ToListAsync(ct)).Select(RegulatoryProfileView.From).ToList();
}

public static class GetRegulatoryProfilesEndpoint
{
    public static RouteHandlerBuilder MapGetRegulatoryProfiles(this IEndpointRouteBuilder api) =>
        api.MapGet("/settings/regulatory-profiles", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRegulatoryProfilesQuery(), ct)))
            .WithName("GetRegulatoryProfiles").WithTags("Settings")
            .WithSummary("The regulatory profiles the workspace has attached")
            .WithDescription("One entry per attached profile (uk_fca_disp, us_cfpb, au_asic_rg271, cn_banking_insurance), by profile name: " +
                             "the calendar its business days and time zone come from, the conditions of the complaints it covers " +
                             "(empty lists match anything) and its at-risk thresholds. An empty array when none is attached.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
