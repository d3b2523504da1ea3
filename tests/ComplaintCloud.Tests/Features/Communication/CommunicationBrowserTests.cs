using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Complaints.InboundEmailApi;

namespace ComplaintCloud.Tests.Features.Communication;

/// <summary>
/// The reply/note composer on the complaint detail page, the queue's unverified-sender filter and moving a customer email,
/// and the email templates settings, in headless Chromium.
/// </summary>
public sealed class CommunicationBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, email, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task An_agent_posts_a_note_with_a_photo_and_a_reply_from_the_detail_page()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "composer", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var complaint = await CreateAsync(api);
        var page = await SignedInPageAsync(tenant.AdminEmail);
        await page.GotoAsync($"/admin/complaints/{Id(complaint)}");
        var composer = page.GetByTestId("composer");
        var events = page.GetByTestId("timeline-event");

        await composer.GetByTestId("kind-note").CheckAsync();
        await composer.GetByTestId("composer-body").FillAsync("Photo shows the crack; supplier batch 42.");
        await composer.GetByTestId("composer-files").SetInputFilesAsync(new FilePayload { Name = "crack.png", MimeType = "image/png", Buffer = Png });
        await composer.GetByTestId("composer-send").ClickAsync();

        await Assertions.Expect(events).ToHaveCountAsync(3); // received, file attached, note
        await Assertions.Expect(events.Nth(2)).ToContainTextAsync("Internal note added");
        await Assertions.Expect(events.Nth(2)).ToContainTextAsync("supplier batch 42");
        await Assertions.Expect(events.Nth(2).GetByTestId("event-file")).ToHaveTextAsync("crack.png");
        await Assertions.Expect(page.GetByTestId("composer-body")).ToHaveValueAsync(""); // cleared for the next message

        await page.GetByTestId("composer").GetByTestId("kind-reply").CheckAsync();
        await page.GetByTestId("composer").GetByTestId("composer-body").FillAsync("We are sending you a new kettle today.");
        await page.GetByTestId("composer").GetByTestId("composer-send").ClickAsync();

        await Assertions.Expect(events).ToHaveCountAsync(4);
        await Assertions.Expect(events.Nth(3)).ToContainTextAsync("Reply sent");
        await Assertions.Expect(events.Nth(3)).ToContainTextAsync("Queued for mailing");
        var href = await events.Nth(2).GetByTestId("event-file").GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(href!);
        Assert.Equal(Png, await download.BodyAsync());
        Assert.Equal("nosniff", download.Headers["x-content-type-options"]);
        Assert.StartsWith("attachment", download.Headers["content-disposition"]);
        var messages = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/messages", Ct);
        Assert.Equal([("note", 1), ("reply", 0)], messages.GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("attachments").GetArrayLength())));
    }

    [Fact]
    public async Task An_agent_finds_an_unverified_email_in_the_queue_and_moves_it_to_the_customers_complaint()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "moveui", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var customer = await CreateAsync(api); // Maria Garcia, maria@example.test
        var number = customer.GetProperty("number").GetString()!;
        var (_, received) = await SendAsync(api, Email("<home-1@home.example>", subject: $"Re: [{number}] from home",
            from: "Maria G <maria.g@home.example>", text: "Writing from my home address: still no refund."));
        var page = await SignedInPageAsync(tenant.AdminEmail);

        // The queue: only the flagged complaint under "Not verified", marked as such; the filter stays in the URL.
        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("sender-filter").SelectOptionAsync("false");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]senderVerified=false"));
        var rows = page.GetByTestId("complaint-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(received.GetProperty("number").GetString()!);
        await Assertions.Expect(rows.First.GetByTestId("unverified-sender")).ToBeVisibleAsync();

        // Its page says why, shows who wrote, and moves the email; a wrong number comes back in the form.
        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("unverified-notice")).ToBeVisibleAsync();
        var email = page.GetByTestId("inbound-message");
        await Assertions.Expect(email.GetByTestId("inbound-sender")).ToContainTextAsync("maria.g@home.example");
        await Assertions.Expect(email.GetByTestId("unverified-sender")).ToBeVisibleAsync();
        await email.GetByTestId("move").Locator("summary").ClickAsync();
        await email.GetByTestId("move-to").FillAsync("C-2099-999999");
        await email.GetByTestId("move-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("move-error")).ToContainTextAsync("No complaint of this workspace has the number C-2099-999999");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-move-email.png"), FullPage = true });
        await page.GetByTestId("inbound-message").GetByTestId("move-to").FillAsync(number.ToLowerInvariant());
        await page.GetByTestId("inbound-message").GetByTestId("move-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbound-message")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("timeline-event").Last).ToContainTextAsync("Customer email moved to another complaint");
        await Assertions.Expect(page.GetByTestId("timeline-event").Last).ToContainTextAsync(number);

        // On the customer's complaint it reads as theirs now, with its sender, and the timeline says where it came from.
        await page.GotoAsync($"/admin/complaints/{Id(customer)}");
        await Assertions.Expect(page.GetByTestId("inbound-message").GetByTestId("inbound-sender")).ToContainTextAsync("maria.g@home.example");
        await Assertions.Expect(page.GetByTestId("inbound-message").GetByTestId("unverified-sender")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("timeline-event").Last).ToContainTextAsync("Customer email moved here");
        var messages = await MessagesAsync(api, Id(customer));
        Assert.Equal(["maria.g@home.example"], messages.Select(m => m.GetProperty("fromAddress").GetString()));
    }

    [Fact]
    public async Task An_admin_previews_refuses_a_broken_and_saves_a_template()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "tplui", Ct);
        var page = await SignedInPageAsync(tenant.AdminEmail);
        await page.GotoAsync("/admin/settings/templates");
        var reply = page.GetByTestId("template-reply-en");

        await reply.Locator("input[name='Edit.Subject']").FillAsync("News on {{ subject }}");
        await reply.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-reply-en").GetByTestId("template-preview"))
            .ToContainTextAsync("News on Blender stopped working after a week [C-2026-000123]");

        await page.GetByTestId("template-reply-en").Locator("textarea[name='Edit.Body']").FillAsync("{% if body %}never closed");
        await page.GetByTestId("template-reply-en").GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-reply-en").GetByTestId("template-error")).ToContainTextAsync("not a valid Liquid template");

        await page.GetByTestId("template-reply-en").Locator("textarea[name='Edit.Body']").FillAsync("Hello {{ customer_name }}: {{ body }}");
        await page.GetByTestId("template-reply-en").GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-reply-en").GetByTestId("template-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("template-reply-en")).ToContainTextAsync("Customised");
    }
}
