using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// One set of limits (<see cref="ComplaintLimits"/>) for every way a complaint's text comes in: the API's create and
/// update, the admin intake form and the public form take a subject and description at the limit and refuse one
/// character more, and the database columns are exactly as long.
/// </summary>
public sealed class ComplaintLimitsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Text(int length) => new('s', length);

    [Fact]
    public async Task The_api_create_and_update_take_texts_at_the_limit_and_refuse_one_character_more()
    {
        var tenant = await app.ProvisionTenantAsync("limits", Ct);
        using var api = app.CreateClient(tenant.ApiKey);

        var atLimit = await CreateAsync(api, Body(Text(ComplaintLimits.Subject), Text(ComplaintLimits.Description)));
        Assert.Equal(ComplaintLimits.Subject, atLimit.GetProperty("subject").GetString()!.Length);

        using var longSubject = await api.PostAsJsonAsync("/api/v1/complaints", Body(Text(ComplaintLimits.Subject + 1), "d"), AppFixture.Json, Ct);
        using var longDescription = await api.PostAsJsonAsync("/api/v1/complaints", Body("s", Text(ComplaintLimits.Description + 1)), AppFixture.Json, Ct);
        await AssertRefusedAsync(longSubject, "subject");
        await AssertRefusedAsync(longDescription, "description");

        var path = $"/api/v1/complaints/{atLimit.GetProperty("id").GetGuid()}";
        using (var patch = await api.PatchAsJsonAsync(path, new { customer = new { name = Text(ComplaintLimits.CustomerName + 1) } }, AppFixture.Json, Ct))
            await AssertRefusedAsync(patch, "customer.name");
        using (var patch = await api.PatchAsJsonAsync(path, new { subject = Text(ComplaintLimits.Subject + 1) }, AppFixture.Json, Ct))
            await AssertRefusedAsync(patch, "subject");
        using (var patch = await api.PatchAsJsonAsync(path, new { description = Text(ComplaintLimits.Description - 1) + "e" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(1, await CountAsync(api));
    }

    [Fact]
    public async Task The_admin_intake_and_the_public_form_take_texts_at_the_limit_and_refuse_one_character_more()
    {
        var tenant = await app.ProvisionTenantAsync("formlimits", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        using var admin = AdminClient.Open(app.Factory);
        await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
        using var customer = AdminClient.Open(app.Factory);

        Task<FormAnswer> Record(string subject, string description, string name) => admin.PostFormAsync("/admin/complaints/new", new()
        {
            ["Input.Channel"] = "Phone", ["Input.Subject"] = subject, ["Input.Description"] = description, ["Input.Customer.Name"] = name,
        });
        Task<FormAnswer> File(string subject, string description, string name) => customer.PostFormAsync($"/p/{tenant.Slug}/complaints/new", new()
        {
            ["Input.Name"] = name, ["Input.Email"] = "limits@example.test", ["Input.Subject"] = subject, ["Input.Description"] = description,
        });

        foreach (var send in new[] { Record, File })
        {
            var before = await CountAsync(api);
            foreach (var (subject, description, name) in new[]
                     {
                         (Text(ComplaintLimits.Subject + 1), "d", "n"), ("s", Text(ComplaintLimits.Description + 1), "n"),
                         ("s", "d", Text(ComplaintLimits.CustomerName + 1)),
                     })
            {
                var refused = await send(subject, description, name);
                Assert.Equal(HttpStatusCode.OK, refused.Status); // the form again, with its error
                Assert.Equal(before, await CountAsync(api));
            }
            var taken = await send(Text(ComplaintLimits.Subject), Text(ComplaintLimits.Description), Text(ComplaintLimits.CustomerName));
            Assert.True(taken.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{taken.Status}: {taken.Alerts}");
            Assert.Equal(before + 1, await CountAsync(api));
        }
    }

    [Fact]
    public async Task The_database_columns_are_as_long_as_the_limits()
    {
        var expected = new Dictionary<(string Table, string Column), int>
        {
            [("complaints", "subject")] = ComplaintLimits.Subject,
            [("complaints", "description")] = ComplaintLimits.Description,
            [("complaints", "customer_name")] = ComplaintLimits.CustomerName,
            [("complaints", "customer_email")] = ComplaintLimits.CustomerEmail,
            [("complaints", "customer_phone")] = ComplaintLimits.CustomerPhone,
            [("complaints", "customer_external_id")] = ComplaintLimits.CustomerExternalId,
            [("complaints", "desired_outcome")] = ComplaintLimits.DesiredOutcome,
            [("complaints", "product_ref")] = ComplaintLimits.ProductRef,
            [("complaints", "external_ref")] = ComplaintLimits.ExternalRef,
            [("complaints", "invalid_reason")] = ComplaintLimits.Reason,
            [("complaints", "root_cause")] = ComplaintLimits.RootCause,
            [("complaints", "remedy_description")] = ComplaintLimits.RemedyDescription,
            [("complaints", "closing_summary")] = ComplaintLimits.ClosingSummary,
            [("complaints", "lessons_learned")] = ComplaintLimits.LessonsLearned,
            [("complaint_messages", "body")] = ComplaintLimits.MessageBody,
        };

        await using var connection = new NpgsqlConnection(app.Database.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name IN ('complaints', 'complaint_messages')
            """, connection);
        var actual = new Dictionary<(string, string), int?>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                actual[(reader.GetString(0), reader.GetString(1))] = reader.IsDBNull(2) ? null : reader.GetInt32(2);

        foreach (var (column, length) in expected) Assert.True(actual[column] == length, $"{column}: {actual[column]} in the database, {length} in ComplaintLimits");
    }

    private static object Body(string subject, string description) => new
    {
        subject, description, channel = "web", severity = "general", customer = new { name = "Limit Tester" },
    };

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }

    private static async Task<int> CountAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/complaints?limit=200", Ct)).GetProperty("items").GetArrayLength();
}
