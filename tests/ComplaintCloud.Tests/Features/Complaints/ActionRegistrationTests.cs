using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// An action is its descriptor: one the product does not have, registered by this test's host only, is offered in
/// allowedActions, validated and performed by the API's endpoint, and shown and performed by the admin page with its
/// field — without touching the page, the endpoint, the command or a switch.
/// </summary>
public sealed partial class ActionRegistrationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records which product the complaint is about, in any open state (it edits the complaint's product reference).</summary>
    private sealed class RecordProductAction : ComplaintActionDescriptor
    {
        public static readonly ActionField<string?> Product = ActionField.ShortText("productRef", "Product", 40) with { Required = true };

        public override string Name => "record-product";
        public override string Label => "Record the product";
        public override IReadOnlyList<ComplaintStatus> From { get; } =
            Enum.GetValues<ComplaintStatus>().Except([ComplaintStatus.Resolved, ComplaintStatus.Closed]).ToArray();
        public override IReadOnlyList<ActionField> Fields { get; } = [Product];

        public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input)
        {
            EnsureAllowed(complaint, context);
            complaint.Edit(context.Actor, context.Now, productRef: input.Get(Product));
        }
    }

    [Fact]
    public async Task A_descriptor_registered_by_the_host_is_offered_validated_and_performed_by_the_api_and_the_admin()
    {
        await using var host = app.CreateFactory(configureServices: s => s.AddSingleton<ComplaintActionDescriptor>(new RecordProductAction()));
        var tenant = await AppFixture.ProvisionTenantAsync(host, "registered", Ct);
        using var api = AppFixture.CreateClient(host, tenant.ApiKey);
        var c = await CreateAsync(api);
        var id = c.GetProperty("id").GetGuid();

        Assert.Equal(["acknowledge", "await-customer", "respond-in-progress", "record-product"], Allowed(c));
        using (var missing = await ActAsync(api, c, "record-product"))
            Assert.True((await Problems.AssertProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("productRef", out _));
        using (var tooLong = await ActAsync(api, c, "record-product", new { productRef = new string('k', 41) }))
            await Problems.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        c = await DoAsync(api, c, "record-product", new { productRef = "KT-200" });
        Assert.Equal("KT-200", c.GetProperty("productRef").GetString());
        Assert.Equal(["complaint.received", "complaint.updated"], await EventTypesAsync(api, c));

        using var admin = AdminClient.Open(host);
        await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
        var pageUrl = $"/admin/complaints/{id}";
        var (_, html) = await admin.GetAsync(pageUrl);
        Assert.Matches(RegisteredForm(), html);
        var ifMatch = System.Net.WebUtility.HtmlDecode(IfMatchField().Match(html).Groups[1].Value);
        var answer = await admin.PostFormAsync(pageUrl, new() { ["Input.ProductRef"] = "KT-300", ["IfMatch"] = ifMatch }, $"{pageUrl}?perform=record-product");
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("KT-300", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct)).GetProperty("productRef").GetString());

        // A host without the descriptor does not know the action.
        using var plain = app.CreateClient(tenant.ApiKey);
        Assert.DoesNotContain("record-product", Allowed(await plain.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct)));
        using var unknown = await ActAsync(plain, c, "record-product", new { productRef = "KT-400" });
        await Problems.AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
    }

    [GeneratedRegex("<form[^>]*data-testid=\"action-record-product\"[\\s\\S]*?<input name=\"Input.ProductRef\"[^>]*required[\\s\\S]*?Record the product</button>")]
    private static partial Regex RegisteredForm();

    [GeneratedRegex("name=\"IfMatch\" value=\"([^\"]+)\"")]
    private static partial Regex IfMatchField();
}
