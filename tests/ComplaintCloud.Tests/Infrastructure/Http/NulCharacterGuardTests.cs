using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Http;

/// <summary>
/// NUL characters (U+0000) outside a JSON body's strings: in a header that is stored, raw in a body, inside a cursor,
/// in a path, and in the admin's and the public's forms. Each is a 400, never a 500, and stores nothing.
/// </summary>
public sealed partial class NulCharacterGuardTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idempotency_key_with_a_nul_character_is_refused_before_it_is_stored()
    {
        var tenant = await app.ProvisionTenantAsync("nulkey", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/departments")
        {
            Content = JsonContent.Create(new { name = "Billing" }, options: AppFixture.Json),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "retry-\0-1");

        using var response = await client.SendAsync(request, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Equal(0L, await CountAsync("idempotency_records", tenant.Id));
        Assert.Equal(0L, await CountAsync("departments", tenant.Id));
    }

    [Fact]
    public async Task A_raw_nul_byte_in_a_json_body_is_malformed_json_and_stores_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("nulraw", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsync("/api/v1/departments",
            new StringContent("{\"name\":\"Bill\u0000ing\"}", Encoding.UTF8, "application/json"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$.name", problem.GetProperty("detail").GetString());
        Assert.Equal(0L, await CountAsync("departments", tenant.Id));
    }

    [Fact]
    public async Task A_hand_made_cursor_whose_text_holds_a_nul_character_is_a_bad_cursor()
    {
        var tenant = await app.ProvisionTenantAsync("nulcur", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"Name\":\"B\\u0000\",\"Id\":\"{Guid.NewGuid()}\"}}"));

        using var response = await client.GetAsync($"/api/v1/departments?cursor={cursor}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Dictionary_keys_are_checked_like_values_and_valid_text_reads_unchanged()
    {
        var json = app.Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var valid = JsonSerializer.Deserialize<Dictionary<string, string>>("{\"na\\u00efve\\n\":\"caf\\u00e9 \\\"ok\\\"\"}", json);

        Assert.Equal(new Dictionary<string, string> { ["naïve\n"] = "café \"ok\"" }, valid);
        Assert.Throws<NulCharacterException>(() => JsonSerializer.Deserialize<Dictionary<string, string>>("{\"a\\u0000\":\"b\"}", json));
    }

    [Fact]
    public async Task A_path_with_a_nul_character_is_refused_by_the_server()
    {
        var tenant = await app.ProvisionTenantAsync("nulpath", Ct);
        await using var host = app.CreateFactory();
        host.StartKestrel(); // a real socket: TestServer's client refuses such a path before sending it
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);

        using var response = await client.PutAsJsonAsync("/api/v1/templates/reply%00/en", new { subject = "Hi", body = "Hello" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await CountAsync("message_templates", tenant.Id));
    }

    [Fact]
    public async Task Admin_forms_with_a_nul_character_are_refused_and_store_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("nulform", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var complaintId = (await Features.Complaints.ComplaintApi.CreateAsync(api)).GetProperty("id").GetGuid();
        using var browser = Browser();
        var signIn = await browser.GetStringAsync("/admin/sign-in", Ct);
        using (var refused = await PostFormAsync(browser, "/admin/sign-in", signIn,
                   new() { ["Input.Email"] = tenant.AdminEmail + "\0", ["Input.Password"] = AppFixture.AdminPassword }))
            await Problems.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        using (var signedIn = await PostFormAsync(browser, "/admin/sign-in", signIn,
                   new() { ["Input.Email"] = tenant.AdminEmail, ["Input.Password"] = AppFixture.AdminPassword }))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // Settings → Departments (urlencoded) and the complaint page's composer (multipart, as it carries files).
        var departments = await browser.GetStringAsync("/admin/settings/departments", Ct);
        using var create = await PostFormAsync(browser, "/admin/settings/departments?handler=Create", departments,
            new() { ["NewDepartment.Name"] = "Bill\0ing", ["NewDepartment.Description"] = "Invoices" });
        var complaintPage = await browser.GetStringAsync($"/admin/complaints/{complaintId}", Ct);
        using var compose = new MultipartFormDataContent
        {
            { new StringContent("Note"), "Compose.Kind" }, { new StringContent("Called the\0 customer"), "Compose.Body" },
            { new StringContent(TokenPattern().Match(complaintPage).Groups[1].Value), "__RequestVerificationToken" },
        };
        using var note = await browser.PostAsync($"/admin/complaints/{complaintId}?handler=message", compose, Ct);

        await Problems.AssertProblemAsync(create, HttpStatusCode.BadRequest);
        var problem = await Problems.AssertProblemAsync(note, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Compose.Body", out _), problem.ToString());
        Assert.Equal((0L, 0L), (await CountAsync("departments", tenant.Id), await CountAsync("complaint_messages", tenant.Id)));
        using var valid = await PostFormAsync(browser, "/admin/settings/departments?handler=Create", departments,
            new() { ["NewDepartment.Name"] = "Billing", ["NewDepartment.Description"] = "Invoices" });
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(1L, await CountAsync("departments", tenant.Id));
    }

    [Fact]
    public async Task The_public_complaint_form_with_a_nul_character_is_refused_and_stores_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("nulpub", Ct);
        using var browser = Browser();
        var form = await browser.GetStringAsync($"/p/{tenant.Slug}/complaints/new", Ct);

        using var response = await PostFormAsync(browser, $"/p/{tenant.Slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Wang Fang", ["Input.Email"] = "wang.fang@example.test", ["Input.Subject"] = "Broken\0 kettle",
            ["Input.Description"] = "The kettle leaks after two days.",
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0L, await CountAsync("complaints", tenant.Id));
    }

    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = TokenPattern().Match(formHtml).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }

    private async Task<long> CountAsync(string table, Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {DatabaseCatalog.Quote(table)} WHERE tenant_id = $1", db)
            { Parameters = { new() { Value = tenantId } } };
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
