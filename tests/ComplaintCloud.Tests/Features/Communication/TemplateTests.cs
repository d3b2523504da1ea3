using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Communication;

public sealed class TemplateTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Subject, string Body)> OutboxTextAsync(Guid complaintId, string kind)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT subject, body FROM outbox_messages WHERE complaint_id = $1 AND kind = $2", db)
        {
            Parameters = { new() { Value = complaintId }, new() { Value = kind } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no {kind} email was queued");
        return (reader.GetString(0), reader.GetString(1));
    }

    [Fact]
    public async Task A_workspace_template_overrides_the_built_in_one_for_its_kind_and_language()
    {
        var tenant = await app.ProvisionTenantAsync("tpl", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var put = await client.PutAsJsonAsync("/api/v1/templates/reply/en", new
        {
            subject = "Update on {{ subject }}", body = "Hello {{ customer_name }}!\n{{ body | upcase }}\n-- Team",
        }, AppFixture.Json, Ct);
        var complaint = await CreateAsync(client);
        await PostMessageOkAsync(client, Id(complaint), "reply", "refund sent");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (subject, body) = await OutboxTextAsync(Id(complaint), "reply");
        // The number is appended when the wording leaves it out, so the customer's answer threads back.
        Assert.Equal($"Update on Refund not received [{complaint.GetProperty("number").GetString()}]", subject);
        Assert.Equal("Hello Maria Garcia!\nREFUND SENT\n-- Team\n", body);
        var (receiptSubject, _) = await OutboxTextAsync(Id(complaint), "complaint_received"); // other kinds keep the default
        Assert.Contains("We have received your complaint", receiptSubject);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/templates", Ct);
        var own = list.GetProperty("items").EnumerateArray()
            .Where(t => !t.GetProperty("isDefault").GetBoolean()).Select(t => $"{t.GetProperty("kind")}/{t.GetProperty("language")}");
        Assert.Equal(["reply/en"], own);
    }

    [Fact]
    public async Task A_chinese_workspace_without_templates_writes_in_chinese()
    {
        var slug = AppFixture.UniqueSlug("tpl-zh");
        using var platform = app.CreatePlatformClient();
        using var provisioned = await platform.PostAsJsonAsync("/api/v1/tenants",
            AppFixture.ProvisionBody(slug, timeZone: "Asia/Shanghai", locale: "zh-CN"), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, provisioned.StatusCode);
        using var client = app.CreateClient((await provisioned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("apiKey").GetString());

        var complaint = await CreateAsync(client);

        var (subject, body) = await OutboxTextAsync(Id(complaint), "complaint_received");
        Assert.Equal($"[{complaint.GetProperty("number").GetString()}] 我们已收到您的投诉", subject);
        Assert.Contains("Maria Garcia，您好", body);
    }

    [Fact]
    public async Task A_workspace_receipt_template_in_its_language_is_the_one_a_create_sends()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-rcpt", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        foreach (var (language, wording) in new[] { ("zh-Hans", "已收到"), ("en", "Got it") })
        {
            using var put = await client.PutAsJsonAsync($"/api/v1/templates/complaint_received/{language}", new
            {
                subject = $"{wording}: {{{{ number }}}}", body = $"{wording}, {{{{ customer_name }}}}.",
            }, AppFixture.Json, Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var complaint = await CreateAsync(client);

        // The receipt is read with the number in one statement (ComplaintIntake): the workspace's own English wording wins.
        var (subject, body) = await OutboxTextAsync(Id(complaint), "complaint_received");
        Assert.Equal($"Got it: {complaint.GetProperty("number").GetString()}", subject);
        Assert.Equal("Got it, Maria Garcia.\n", body);
    }

    [Fact]
    public async Task A_receipt_that_prints_the_number_as_it_is_or_reshapes_it_gets_the_number_the_complaint_was_given()
    {
        // The number is taken by the statement that writes the receipt (ComplaintIntake): a template that only prints it
        // is rendered before, with a stand-in that statement swaps; one that reshapes it is rendered once it is known.
        var plain = await app.ProvisionTenantAsync("tpl-num-plain", Ct);
        var reshaped = await app.ProvisionTenantAsync("tpl-num-shaped", Ct);
        using var plainClient = app.CreateClient(plain.ApiKey);
        using var shapedClient = app.CreateClient(reshaped.ApiKey);
        using (var put = await plainClient.PutAsJsonAsync("/api/v1/templates/complaint_received/en",
                   new { subject = "Ref {{ number }}", body = "Yours is {{ number }} ({{ number }}), {{ customer_name }}." }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var put = await shapedClient.PutAsJsonAsync("/api/v1/templates/complaint_received/en",
                   new { subject = "Ref {{ number | downcase }}", body = "Short ref {{ number | slice: 7, 6 }}; size {{ number | size }}." }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var first = await CreateAsync(plainClient);
        var second = await CreateAsync(shapedClient);
        var builtIn = await CreateAsync(app.CreateClient((await app.ProvisionTenantAsync("tpl-num-builtin", Ct)).ApiKey));

        var number = first.GetProperty("number").GetString()!;
        Assert.Equal(($"Ref {number}", $"Yours is {number} ({number}), Maria Garcia.\n"), await OutboxTextAsync(Id(first), "complaint_received"));
        var other = second.GetProperty("number").GetString()!;
        Assert.Equal(($"Ref {other.ToLowerInvariant()} [{other}]", $"Short ref {other[7..]}; size 13.\n"), await OutboxTextAsync(Id(second), "complaint_received"));
        var (builtInSubject, builtInBody) = await OutboxTextAsync(Id(builtIn), "complaint_received");
        var builtInNumber = builtIn.GetProperty("number").GetString()!;
        Assert.Contains(builtInNumber, builtInSubject);
        Assert.Contains(builtInNumber, builtInBody);
        Assert.DoesNotMatch("[a-m]{13}|[n-z]{13}", builtInSubject + builtInBody); // no stand-in left behind
    }

    [Fact]
    public async Task A_template_cannot_change_a_builtin_for_the_emails_after_it()
    {
        // Scriban shares its 'date' object between all contexts: one workspace's assignment would reach every other's emails.
        var before = TemplateRenderer.Render(new TemplateText("s", "[{{ date.format }}]"), TemplateValues.Sample);
        var assigning = new TemplateText("s", "{% assign date.format = 'LEAK' %}x");
        Assert.ThrowsAny<Exception>(() => TemplateRenderer.Render(assigning, TemplateValues.Sample));
        var after = TemplateRenderer.Render(new TemplateText("s", "[{{ date.format }}]"), TemplateValues.Sample);
        var tenant = await app.ProvisionTenantAsync("tpl-builtin", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var put = await client.PutAsJsonAsync("/api/v1/templates/reply/en", new { subject = "Hi", body = assigning.Body }, AppFixture.Json, Ct);

        Assert.DoesNotContain("LEAK", before.Body);
        Assert.Equal(before.Body, after.Body);
        var problem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.Contains("date.format", problem.GetRawText());
    }

    [Fact]
    public async Task A_stored_template_that_no_longer_renders_sends_the_built_in_wording_and_the_create_succeeds()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-stale", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        // Saved before templates were trial-rendered: the API refuses it now, so it goes straight into the table.
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO message_templates (tenant_id, id, kind, language, subject, body, updated_at)
            VALUES ($1, gen_random_uuid(), 'complaint_received', 'en', 'Got it', '{% assign date.format = ''x'' %}Thanks', now())
            """, db) { Parameters = { new() { Value = tenant.Id } } })
            await insert.ExecuteNonQueryAsync(Ct);

        var complaint = await CreateAsync(client);

        var (subject, body) = await OutboxTextAsync(Id(complaint), "complaint_received");
        Assert.Contains("We have received your complaint", subject);
        Assert.Contains("Maria Garcia", body);
    }

    // Four catastrophic backtracks of (a+)+$ cost 1.65 s and a save hit Scriban's 10 s regex timeout twice (20 s).
    private const string BacktrackingTemplate = "{% for i in (1..4) %}{{ 'aaaaaaaaaaaaaaaaaaaaaa!' | regex.match '(a+)+$' }}{% endfor %}";

    // Within every loop and string limit, yet seconds of hashing: only the time budget stops it (with 10 hashes an
    // iteration instead of 40, a fast, idle host finished inside the 100 ms budget and the test failed).
    private static readonly string SlowTemplate = "{% for i in (1..100) %}{% assign h = customer_name"
        + string.Concat(Enumerable.Repeat(" | string.pad_left 99999 | string.sha512", 40)) + " %}{% endfor %}{{ h }}";

    [Fact]
    public async Task A_catastrophic_backtracking_template_is_refused_at_save_in_well_under_a_second()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-regex", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using (var warm = await client.PutAsJsonAsync("/api/v1/templates/reply/en", new { subject = "Hi", body = "{{ body }}" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var put = await client.PutAsJsonAsync("/api/v1/templates/reply/en", new { subject = "Hi", body = BacktrackingTemplate }, AppFixture.Json, Ct);
        var elapsed = started.Elapsed;

        var problem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.Contains("regex", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the refusal took {elapsed.TotalMilliseconds:0} ms");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/templates", Ct);
        var reply = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "reply" && t.GetProperty("language").GetString() == "en");
        Assert.Equal("{{ body }}", reply.GetProperty("body").GetString()); // the refused save changed nothing
    }

    [Fact]
    public void A_render_past_its_time_budget_is_aborted_and_says_so()
    {
        var trial = TemplateRenderer.Try(new TemplateText("Hi", SlowTemplate), TemplateValues.Sample);

        // The budget, not a limit, stopped it: every loop and string stays within its limit.
        Assert.Null(trial.Rendered);
        Assert.Contains("longer than 100 ms", trial.BodyError);
    }

    [Fact]
    public async Task A_slow_template_is_refused_at_save_and_a_stored_one_sends_the_built_in_wording()
    {
        var tenant = await app.ProvisionTenantAsync("tpl-slow", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var put = await client.PutAsJsonAsync("/api/v1/templates/complaint_received/en", new { subject = "Hi", body = SlowTemplate },
            AppFixture.Json, Ct);
        var problem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.Contains("longer than", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        // Stored before the budget existed (or slow only with a real customer's text): it goes straight into the table.
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO message_templates (tenant_id, id, kind, language, subject, body, updated_at)
            VALUES ($1, gen_random_uuid(), 'complaint_received', 'en', 'Got it', $2, now())
            """, db) { Parameters = { new() { Value = tenant.Id }, new() { Value = SlowTemplate } } })
            await insert.ExecuteNonQueryAsync(Ct);

        var complaint = await CreateAsync(client);

        var (subject, body) = await OutboxTextAsync(Id(complaint), "complaint_received");
        Assert.Contains("We have received your complaint", subject);
        Assert.Contains("Maria Garcia", body);
    }

    [Theory]
    [InlineData("reply", "en", "Hi {{ customer_name", "body")]
    [InlineData("reply", "en", "Hi", "{% if number %}unclosed")]
    [InlineData("receipt", "en", "Hi", "Body")]
    [InlineData("reply", "fr", "Salut", "Corps")]
    [InlineData("reply", "en", "", "Body")]
    public async Task An_invalid_template_is_a_400_and_changes_nothing(string kind, string language, string subject, string body)
    {
        var tenant = await app.ProvisionTenantAsync("tpl-bad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var put = await client.PutAsJsonAsync($"/api/v1/templates/{kind}/{language}", new { subject, body }, AppFixture.Json, Ct);

        await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/templates", Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("isDefault").GetBoolean()));
    }
}
