using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Categories;

/// <summary>The category tree endpoints and the CategoryTree helper the complaint screens use.</summary>
public sealed class CategoryTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> TreeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/categories", Ct)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A chain of categories, each under the previous one; returns their ids from the top.</summary>
    private static async Task<List<Guid>> ChainAsync(HttpClient admin, int length, string prefix = "Level")
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= length; i++) ids.Add(Id(await CreateCategoryAsync(admin, $"{prefix} {i}", ids.Count > 0 ? ids[^1] : null)));
        return ids;
    }

    [Fact]
    public async Task The_tree_lists_parents_before_children_with_paths_and_depths()
    {
        var tenant = await app.ProvisionTenantAsync("cat", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var created = await admin.PostAsJsonAsync("/api/v1/categories", new { name = " Delivery " }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var delivery = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/api/v1/categories/{Id(delivery)}", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        await CreateCategoryAsync(admin, "Late delivery", Id(delivery));
        await CreateCategoryAsync(admin, "Damaged", Id(delivery));
        await CreateCategoryAsync(admin, "Billing");

        var tree = await TreeAsync(admin);

        Assert.Equal(["Billing", "Delivery", "Delivery / Damaged", "Delivery / Late delivery"], tree.Select(c => c.GetProperty("path").GetString()));
        Assert.Equal([1, 1, 2, 2], tree.Select(c => c.GetProperty("depth").GetInt32()));
        Assert.Equal(Id(delivery), tree[3].GetProperty("parentId").GetGuid());
        Assert.Equal(JsonValueKind.Null, tree[1].GetProperty("parentId").ValueKind);
        Assert.All(tree, c => Assert.True(c.GetProperty("selectable").GetBoolean()));
    }

    [Fact]
    public async Task Sibling_names_are_unique_regardless_of_case_but_cousins_may_share_one()
    {
        var tenant = await app.ProvisionTenantAsync("catdup", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        var billing = Id(await CreateCategoryAsync(admin, "Billing"));
        await CreateCategoryAsync(admin, "Other", delivery);

        using var topClash = await admin.PostAsJsonAsync("/api/v1/categories", new { name = "delivery" }, AppFixture.Json, Ct);
        using var childClash = await admin.PostAsJsonAsync("/api/v1/categories", new { name = "OTHER", parentId = delivery }, AppFixture.Json, Ct);
        var cousin = await CreateCategoryAsync(admin, "Other", billing);

        Assert.Contains("top-level category named 'Delivery'", (await Problems.AssertProblemAsync(topClash, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Contains("'Delivery / Other'", (await Problems.AssertProblemAsync(childClash, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal("Billing / Other", cousin.GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_parent_must_exist_and_not_be_archived()
    {
        var tenant = await app.ProvisionTenantAsync("catpar", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var old = Id(await CreateCategoryAsync(admin, "Old"));
        var under = Id(await CreateCategoryAsync(admin, "Under old", old));
        using (var archive = Patch($"/api/v1/categories/{old}", new { archived = true }))
        using (var archived = await admin.SendAsync(archive, Ct))
            Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        foreach (var parentId in new[] { Guid.NewGuid(), old, under })
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/categories", new { name = "Child", parentId }, AppFixture.Json, Ct);
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("parentId", out _), $"{problem}");
        }
    }

    [Fact]
    public async Task Categories_nest_at_most_five_levels()
    {
        var tenant = await app.ProvisionTenantAsync("catdeep", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var chain = await ChainAsync(admin, Api.Domain.Category.MaxDepth);

        using var response = await admin.PostAsJsonAsync("/api/v1/categories", new { name = "Level 6", parentId = chain[^1] }, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 5 levels", problem.GetProperty("errors").GetProperty("parentId")[0].GetString());
        Assert.Equal(5, (await TreeAsync(admin)).Max(c => c.GetProperty("depth").GetInt32()));
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "NAME"}""", "name")]
    [InlineData("""{"name": "x", "parentId": "not-a-guid"}""", null)]
    [InlineData("""[1, 2]""", null)]
    public async Task Invalid_bodies_are_a_400(string json, string? field)
    {
        var tenant = await app.ProvisionTenantAsync("catbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsync("/api/v1/categories", Json(json.Replace("NAME", new string('n', 101))), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{problem}");
    }

    [Fact]
    public async Task Moving_renaming_and_archiving_with_If_Match_and_a_stale_tag_is_412()
    {
        var tenant = await app.ProvisionTenantAsync("catmove", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        var courier = Id(await CreateCategoryAsync(admin, "Courier"));
        var late = Id(await CreateCategoryAsync(admin, "Late", courier));
        var path = $"/api/v1/categories/{courier}";
        var etag = await ETagOfAsync(admin, path);

        using var moveRequest = Patch(path, new { name = "Couriers", parentId = delivery }, etag);
        using var moved = await admin.SendAsync(moveRequest, Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Delivery / Couriers", (await moved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("path").GetString());
        var tree = await TreeAsync(admin);
        Assert.Equal("Delivery / Couriers / Late", tree.Single(c => Id(c) == late).GetProperty("path").GetString());
        Assert.Equal(3, tree.Single(c => Id(c) == late).GetProperty("depth").GetInt32());

        using var staleRequest = Patch(path, new { archived = true }, etag);
        using var stale = await admin.SendAsync(staleRequest, Ct);
        await Problems.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);

        using var topRequest = Patch(path, new { topLevel = true, archived = true }, moved.Headers.ETag!.ToString());
        using var top = await admin.SendAsync(topRequest, Ct);
        var body = await top.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("parentId").ValueKind);
        Assert.True(body.GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Moving_under_itself_or_a_descendant_is_409_naming_the_cycle()
    {
        var tenant = await app.ProvisionTenantAsync("catcycle", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var chain = await ChainAsync(admin, 3, "Node");

        using var selfRequest = Patch($"/api/v1/categories/{chain[0]}", new { parentId = chain[0] });
        using var self = await admin.SendAsync(selfRequest, Ct);
        using var loopRequest = Patch($"/api/v1/categories/{chain[0]}", new { parentId = chain[2] });
        using var loop = await admin.SendAsync(loopRequest, Ct);

        Assert.Contains("under itself", (await Problems.AssertProblemAsync(self, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var detail = (await Problems.AssertProblemAsync(loop, HttpStatusCode.Conflict)).GetProperty("detail").GetString();
        Assert.Contains("'Node 1' cannot be moved under 'Node 1 / Node 2 / Node 3'", detail);
        Assert.Equal(JsonValueKind.Null, (await TreeAsync(admin)).Single(c => Id(c) == chain[0]).GetProperty("parentId").ValueKind);
    }

    [Fact]
    public async Task A_move_that_would_nest_the_subtree_too_deep_is_a_400()
    {
        var tenant = await app.ProvisionTenantAsync("catdeepmv", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var tall = await ChainAsync(admin, 3, "Tall");
        var target = await ChainAsync(admin, 3, "Target");

        using var request = Patch($"/api/v1/categories/{tall[0]}", new { parentId = target[^1] }); // would reach level 6
        using var response = await admin.SendAsync(request, Ct);
        using var fitsRequest = Patch($"/api/v1/categories/{tall[0]}", new { parentId = target[1] }); // reaches level 5
        using var fits = await admin.SendAsync(fitsRequest, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Moving_next_to_a_sibling_of_the_same_name_is_409_and_giving_parentId_and_topLevel_is_400()
    {
        var tenant = await app.ProvisionTenantAsync("catmvdup", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        await CreateCategoryAsync(admin, "Late", delivery);
        var late = Id(await CreateCategoryAsync(admin, "Late"));

        using var clashRequest = Patch($"/api/v1/categories/{late}", new { parentId = delivery });
        using var clash = await admin.SendAsync(clashRequest, Ct);
        using var bothRequest = Patch($"/api/v1/categories/{late}", new { parentId = delivery, topLevel = true });
        using var both = await admin.SendAsync(bothRequest, Ct);

        await Problems.AssertProblemAsync(clash, HttpStatusCode.Conflict);
        Assert.True((await Problems.AssertProblemAsync(both, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("topLevel", out _));
    }

    [Fact]
    public async Task Archiving_a_parent_keeps_its_children_unarchived_but_hides_them_from_pickers()
    {
        var tenant = await app.ProvisionTenantAsync("catarch", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        var late = Id(await CreateCategoryAsync(admin, "Late", delivery));
        var billing = Id(await CreateCategoryAsync(admin, "Billing"));

        using var archive = Patch($"/api/v1/categories/{delivery}", new { archived = true });
        using var archived = await admin.SendAsync(archive, Ct);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        var tree = (await TreeAsync(admin)).ToDictionary(Id);
        Assert.True(tree[delivery].GetProperty("archived").GetBoolean());
        Assert.False(tree[late].GetProperty("archived").GetBoolean());
        Assert.False(tree[delivery].GetProperty("selectable").GetBoolean());
        Assert.False(tree[late].GetProperty("selectable").GetBoolean());
        Assert.True(tree[billing].GetProperty("selectable").GetBoolean());
    }

    [Fact]
    public async Task Unknown_categories_are_404_and_writes_need_the_admin_scope()
    {
        var tenant = await app.ProvisionTenantAsync("catauth", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read");

        using var get = await admin.GetAsync($"/api/v1/categories/{Guid.NewGuid()}", Ct);
        using var patchRequest = Patch($"/api/v1/categories/{Guid.NewGuid()}", new { name = "x" });
        using var patch = await admin.SendAsync(patchRequest, Ct);
        await Problems.AssertProblemAsync(get, HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(patch, HttpStatusCode.NotFound);

        using var list = await reader.GetAsync("/api/v1/categories", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var create = await reader.PostAsJsonAsync("/api/v1/categories", new { name = "Sneaky" }, AppFixture.Json, Ct);
        using var renameRequest = Patch($"/api/v1/categories/{delivery}", new { name = "Sneaky" });
        using var rename = await reader.SendAsync(renameRequest, Ct);
        await Problems.AssertProblemAsync(create, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(rename, HttpStatusCode.Forbidden);
        Assert.Equal(["Delivery"], (await TreeAsync(admin)).Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_descendants_helper_returns_the_whole_subtree_of_the_tenants_own_tree()
    {
        var tenant = await app.ProvisionTenantAsync("catdesc", Ct);
        var other = await app.ProvisionTenantAsync("catdesco", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var delivery = Id(await CreateCategoryAsync(admin, "Delivery"));
        var late = Id(await CreateCategoryAsync(admin, "Late", delivery));
        var veryLate = Id(await CreateCategoryAsync(admin, "Very late", late));
        var damaged = Id(await CreateCategoryAsync(admin, "Damaged", delivery));
        var billing = Id(await CreateCategoryAsync(admin, "Billing"));
        await CreateCategoryAsync(admin, "Refunds", billing);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(new[] { delivery, late, veryLate, damaged }.Order(), (await CategoryTree.SelfAndDescendantsAsync(db, delivery, Ct)).Order());
        Assert.Equal(new[] { late, veryLate }.Order(), (await CategoryTree.SelfAndDescendantsAsync(db, late, Ct)).Order());
        Assert.Equal([veryLate], await CategoryTree.SelfAndDescendantsAsync(db, veryLate, Ct));
        Assert.Empty(await CategoryTree.SelfAndDescendantsAsync(db, Guid.NewGuid(), Ct));
        var nodes = await CategoryTree.LoadAsync(db, Ct);
        Assert.Equal("Delivery / Late / Very late", nodes.Single(n => n.Id == veryLate).Path);
        Assert.Equal(3, nodes.Single(n => n.Id == veryLate).Depth);

        await using var otherScope = app.Factory.Services.CreateAsyncScope();
        otherScope.ServiceProvider.GetRequiredService<ITenantContext>().Set(other.Id);
        var otherDb = otherScope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await CategoryTree.SelfAndDescendantsAsync(otherDb, delivery, Ct)); // another tenant's tree is invisible
        Assert.Empty(await CategoryTree.LoadAsync(otherDb, Ct));
    }
}
