using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Surveys.SurveyApi;

namespace ComplaintCloud.Tests.Features.Surveys;

/// <summary>
/// The survey templates API: the default survey of a new workspace, create and replace, versioning once a return visit
/// used a version, the default, delete, bad input (400 naming the field, nothing stored), stale ETags and another
/// workspace's ids.
/// </summary>
public sealed partial class SurveyTemplateApiTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();

    [Fact]
    public async Task A_new_workspace_lists_the_default_survey_with_stable_ids_and_types_in_both_languages()
    {
        var tenant = await app.ProvisionTenantAsync("svy-list", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var template = Assert.Single((await ListAsync(client)).EnumerateArray());
        Assert.True(template.GetProperty("isDefault").GetBoolean());
        Assert.Equal("Standard return visit", template.GetProperty("name").GetString());
        Assert.Equal(1, template.GetProperty("versionNumber").GetInt32());
        Assert.False(template.GetProperty("inUse").GetBoolean());
        var questions = template.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["satisfaction", "solved", "recommend", "speed", "comment"], questions.Select(q => q.GetProperty("id").GetString()));
        Assert.Equal(["csat", "yes_no", "nps", "single_choice", "free_text"], questions.Select(q => q.GetProperty("type").GetString()));
        Assert.Equal([true, true, false, false, false], questions.Select(q => q.GetProperty("required").GetBoolean()));
        Assert.All(questions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("text").GetProperty("en").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("text").GetProperty("zh-Hans").GetString()));
        });
        Assert.Equal("您的问题解决了吗？", questions[1].GetProperty("text").GetProperty("zh-Hans").GetString());
        Assert.Equal(["quick", "acceptable", "slow"], questions[3].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, questions[0].GetProperty("options").ValueKind);

        // The same ids when read again, with an ETag for the one template.
        var (single, etag) = await GetAsync(client, Id(template));
        Assert.Equal(QuestionIds(template), QuestionIds(single));
        Assert.Matches("^\"\\d+\"$", etag);
    }

    [Fact]
    public async Task A_survey_is_created_with_generated_ids_and_replaced_in_place_while_unused_keeping_its_ids()
    {
        var tenant = await app.ProvisionTenantAsync("svy-crud", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsJsonAsync("/api/v1/survey-templates", Body("After delivery"), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = Id(created);
        Assert.Equal($"/api/v1/survey-templates/{id}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(created.GetProperty("isDefault").GetBoolean());
        var ids = QuestionIds(created);
        Assert.Equal("score", ids[0]);
        Assert.Matches(IdPattern(), ids[1]);
        Assert.NotEqual("score", ids[1]);
        var options = created.GetProperty("questions")[1].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal("web", options[0]);
        Assert.Matches(IdPattern(), options[1]);
        Assert.Equal("电话", created.GetProperty("questions")[1].GetProperty("options")[1].GetProperty("text").GetProperty("zh-Hans").GetString());

        // Replaced with the question texts edited, the order swapped and the ids sent back: unused, so version 1 changes in place.
        var (_, etag) = await GetAsync(client, id);
        using var put = await PutAsync(client, id, new
        {
            name = "After delivery (v2)",
            questions = new object[]
            {
                new { id = ids[1], type = "single_choice", required = true, text = Text("Which channel did you use?", "您用了哪个渠道？"),
                    options = new object[] { new { id = "web", text = Text("Web", "网页") }, new { id = options[1], text = Text("Phone call", "电话") } } },
                new { id = "score", type = "csat", required = true, text = Text("How satisfied are you now?", "您现在满意吗？") },
                new { type = "free_text", text = Text("Anything else?", "还有别的吗？") },
            },
        }, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var replaced = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.NotEqual(etag, put.Headers.ETag!.ToString());
        Assert.Equal(1, replaced.GetProperty("versionNumber").GetInt32());
        Assert.Equal(created.GetProperty("versionId").GetGuid(), replaced.GetProperty("versionId").GetGuid());
        var newIds = QuestionIds(replaced);
        Assert.Equal([ids[1], "score"], newIds[..2]);
        Assert.DoesNotContain(newIds[2], ids);
        Assert.False(replaced.GetProperty("questions")[2].GetProperty("required").GetBoolean()); // required defaults to false

        var (read, _) = await GetAsync(client, id);
        Assert.Equal("After delivery (v2)", read.GetProperty("name").GetString());
        Assert.Equal("How satisfied are you now?", read.GetProperty("questions")[1].GetProperty("text").GetProperty("en").GetString());
        Assert.Equal(2, (await ListAsync(client)).GetArrayLength());
    }

    [Fact]
    public async Task Changing_a_used_version_makes_a_new_version_and_the_old_one_stays_readable_with_its_questions()
    {
        var tenant = await app.ProvisionTenantAsync("svy-ver", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var template = await CreateAsync(client, Body("Versioned"));
        var id = Id(template);
        var v1 = template.GetProperty("versionId").GetGuid();
        await UseVersionAsync(app, tenant, id, v1);

        var (used, etag) = await GetAsync(client, id);
        Assert.True(used.GetProperty("inUse").GetBoolean());

        // A new name alone (the questions sent back as read) changes no questions: still version 1.
        using (var renamed = await PutAsync(client, id, new { name = "Versioned, renamed", questions = used.GetProperty("questions") }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            var body = await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(1, body.GetProperty("versionNumber").GetInt32());
            Assert.Equal(v1, body.GetProperty("versionId").GetGuid());
        }

        // A question text changed (keeping the generated ids): version 2, which new visits use.
        var request = JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Serialize(used));
        var body2 = new
        {
            name = "Versioned",
            questions = new object[]
            {
                new { id = "score", type = "csat", required = true, text = Text("How happy are you?", "您开心吗？") },
                new { id = QuestionIds(used)[1], type = "single_choice", required = false, text = Text("Which channel?", "哪个渠道？"),
                    options = request.GetProperty("questions")[1].GetProperty("options") },
            },
        };
        using var put = await PutAsync(client, id, body2);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var v2 = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, v2.GetProperty("versionNumber").GetInt32());
        Assert.Equal(2, v2.GetProperty("currentVersionNumber").GetInt32());
        Assert.NotEqual(v1, v2.GetProperty("versionId").GetGuid());
        Assert.False(v2.GetProperty("inUse").GetBoolean());
        Assert.Equal(QuestionIds(used), QuestionIds(v2)); // ids are stable across versions

        var (current, _) = await GetAsync(client, id);
        Assert.Equal("How happy are you?", current.GetProperty("questions")[0].GetProperty("text").GetProperty("en").GetString());
        var (old, _) = await GetAsync(client, id, version: 1);
        Assert.Equal(1, old.GetProperty("versionNumber").GetInt32());
        Assert.Equal(2, old.GetProperty("currentVersionNumber").GetInt32());
        Assert.True(old.GetProperty("inUse").GetBoolean());
        Assert.Equal("How satisfied are you?", old.GetProperty("questions")[0].GetProperty("text").GetProperty("en").GetString());

        // Version 2 is not used yet: edited in place, no version 3.
        using (var again = await PutAsync(client, id, body2 with { }))
            Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("versionNumber").GetInt32());
        await Problems.AssertProblemAsync(await client.GetAsync($"/api/v1/survey-templates/{id}?version=3", Ct), HttpStatusCode.NotFound);
        var zero = await Problems.AssertProblemAsync(await client.GetAsync($"/api/v1/survey-templates/{id}?version=0", Ct), HttpStatusCode.BadRequest);
        Assert.True(zero.GetProperty("errors").TryGetProperty("version", out _));

        // A question asked as CSAT stays CSAT: another type is a new question.
        using var retyped = await PutAsync(client, id, new
        {
            name = "Versioned", questions = new object[] { new { id = "score", type = "nps", required = true, text = Text("Recommend us?", "推荐吗？") } },
        });
        var problem = await Problems.AssertProblemAsync(retyped, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("questions[0].type", out _), problem.ToString());
        Assert.Equal(2, (await GetAsync(client, id)).Template.GetProperty("versionNumber").GetInt32());
    }

    [Fact]
    public async Task Concurrent_changes_to_a_used_survey_take_turns_and_make_one_new_version()
    {
        var tenant = await app.ProvisionTenantAsync("svy-race", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var template = await CreateAsync(client, Body("Raced"));
        var id = Id(template);
        await UseVersionAsync(app, tenant, id, template.GetProperty("versionId").GetGuid());
        var choice = template.GetProperty("questions")[1];

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async n =>
        {
            using var response = await PutAsync(client, id, new
            {
                name = "Raced",
                questions = new object[] { new { id = "score", type = "csat", required = true, text = Text($"Edit {n}", $"编辑 {n}") }, choice },
            });
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var (current, _) = await GetAsync(client, id);
        Assert.Equal(2, current.GetProperty("versionNumber").GetInt32()); // the first made version 2, the others edited it in place
        Assert.Matches("^Edit \\d$", current.GetProperty("questions")[0].GetProperty("text").GetProperty("en").GetString());
        var (old, _) = await GetAsync(client, id, version: 1);
        Assert.Equal("How satisfied are you?", old.GetProperty("questions")[0].GetProperty("text").GetProperty("en").GetString());
        await Problems.AssertProblemAsync(await client.GetAsync($"/api/v1/survey-templates/{id}?version=3", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Making_another_survey_the_default_leaves_exactly_one_default()
    {
        var tenant = await app.ProvisionTenantAsync("svy-def", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var standard = Id((await ListAsync(client))[0]);
        var other = Id(await CreateAsync(client, Body("Short survey")));

        using var made = await client.PostAsync($"/api/v1/survey-templates/{other}/default", null, Ct);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True((await made.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("isDefault").GetBoolean());
        var list = (await ListAsync(client)).EnumerateArray().ToList();
        Assert.Equal([other, standard], list.Select(Id)); // the default first
        Assert.Equal([true, false], list.Select(t => t.GetProperty("isDefault").GetBoolean()));

        // Again: nothing changes. A stale If-Match is refused.
        using (var again = await client.PostAsync($"/api/v1/survey-templates/{other}/default", null, Ct))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/survey-templates/{standard}/default");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Problems.AssertProblemAsync(await client.SendAsync(stale, Ct), HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, (await ListAsync(client)).EnumerateArray().Count(t => t.GetProperty("isDefault").GetBoolean()));
    }

    [Fact]
    public async Task Delete_is_refused_for_the_default_and_for_a_used_survey_and_removes_an_unused_one()
    {
        var tenant = await app.ProvisionTenantAsync("svy-del", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var standard = Id((await ListAsync(client))[0]);
        var used = await CreateAsync(client, Body("Used survey"));
        await UseVersionAsync(app, tenant, Id(used), used.GetProperty("versionId").GetGuid());
        var unused = Id(await CreateAsync(client, Body("Unused survey")));

        await Problems.AssertProblemAsync(await client.DeleteAsync($"/api/v1/survey-templates/{standard}", Ct), HttpStatusCode.Conflict);
        var problem = await Problems.AssertProblemAsync(await client.DeleteAsync($"/api/v1/survey-templates/{Id(used)}", Ct), HttpStatusCode.Conflict);
        Assert.Contains("Used survey", problem.GetProperty("detail").GetString());
        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/survey-templates/{unused}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Problems.AssertProblemAsync(await client.SendAsync(stale, Ct), HttpStatusCode.PreconditionFailed);
        Assert.Equal(3, (await ListAsync(client)).GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/survey-templates/{unused}", Ct)).StatusCode);
        await Problems.AssertProblemAsync(await client.GetAsync($"/api/v1/survey-templates/{unused}", Ct), HttpStatusCode.NotFound);
        Assert.Equal([standard, Id(used)], (await ListAsync(client)).EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("svy-412", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(client, Body("Etagged")));
        var (_, etag) = await GetAsync(client, id);
        using (var first = await PutAsync(client, id, Body("Etagged", "First edit"), etag)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await Problems.AssertProblemAsync(await PutAsync(client, id, Body("Etagged", "Second edit"), etag), HttpStatusCode.PreconditionFailed);
        var (read, _) = await GetAsync(client, id);
        Assert.Equal("First edit", read.GetProperty("questions")[0].GetProperty("text").GetProperty("en").GetString());
    }

    [Fact]
    public async Task A_duplicate_name_is_409_regardless_of_case()
    {
        var tenant = await app.ProvisionTenantAsync("svy-dup", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(client, Body("Kitchen survey")));

        using var again = await client.PostAsJsonAsync("/api/v1/survey-templates", Body("KITCHEN survey"), AppFixture.Json, Ct);
        await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(await PutAsync(client, id, Body("standard RETURN visit")), HttpStatusCode.Conflict);
        Assert.Equal(["Standard return visit", "Kitchen survey"], (await ListAsync(client)).EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    private const string Q = """{"type": "csat", "required": true, "text": {"en": "Happy?", "zh-Hans": "满意吗？"}}""";
    private const string Choice = """{"type": "single_choice", "text": {"en": "Pick", "zh-Hans": "选择"}, "options": [{OPTIONS}]}""";
    private const string Option = """{"text": {"en": "One", "zh-Hans": "一"}}""";

    public static TheoryData<string, string> BadSurveys => new()
    {
        { """{"questions": [Q]}""", "name" },
        { """{"name": "   ", "questions": [Q]}""", "name" },
        { """{"name": "{long}", "questions": [Q]}""", "name" },
        { """{"name": "X"}""", "questions" },
        { """{"name": "X", "questions": []}""", "questions" },
        { """{"name": "X", "questions": [{21}]}""", "questions" },
        { """{"name": "X", "questions": [null]}""", "questions[0]" },
        { """{"name": "X", "questions": [Q, {"type": "stars", "text": {"en": "A", "zh-Hans": "A"}}]}""", "questions[1].type" },
        { """{"name": "X", "questions": [{"text": {"en": "A", "zh-Hans": "A"}}]}""", "questions[0].type" },
        { """{"name": "X", "questions": [{"type": "nps", "text": {"en": "Recommend?"}}]}""", "questions[0].text.zh-Hans" },
        { """{"name": "X", "questions": [{"type": "nps", "text": {"en": " ", "zh-Hans": "推荐吗？"}}]}""", "questions[0].text.en" },
        { """{"name": "X", "questions": [{"type": "nps"}]}""", "questions[0].text.en" },
        { """{"name": "X", "questions": [{"type": "nps", "text": {"en": "{text501}", "zh-Hans": "推荐吗？"}}]}""", "questions[0].text.en" },
        { """{"name": "X", "questions": [{"id": "same", "type": "nps", "text": {"en": "A", "zh-Hans": "A"}}, {"id": "same", "type": "csat", "text": {"en": "B", "zh-Hans": "B"}}]}""", "questions[1].id" },
        { """{"name": "X", "questions": [{"id": "Not Valid!", "type": "nps", "text": {"en": "A", "zh-Hans": "A"}}]}""", "questions[0].id" },
        { """{"name": "X", "questions": [{"id": "{id41}", "type": "nps", "text": {"en": "A", "zh-Hans": "A"}}]}""", "questions[0].id" },
        { """{"name": "X", "questions": [{"type": "single_choice", "text": {"en": "Pick", "zh-Hans": "选择"}}]}""", "questions[0].options" },
        { "{\"name\": \"X\", \"questions\": [" + Choice.Replace("{OPTIONS}", Option) + "]}", "questions[0].options" },
        { "{\"name\": \"X\", \"questions\": [" + Choice.Replace("{OPTIONS}", string.Join(",", Enumerable.Repeat(Option, 11))) + "]}", "questions[0].options" },
        { "{\"name\": \"X\", \"questions\": [" + Choice.Replace("{OPTIONS}", """{"id": "a", "text": {"en": "A", "zh-Hans": "A"}}, {"id": "a", "text": {"en": "B", "zh-Hans": "B"}}""") + "]}", "questions[0].options[1].id" },
        { "{\"name\": \"X\", \"questions\": [" + Choice.Replace("{OPTIONS}", Option + """, {"text": {"en": "Two"}}""") + "]}", "questions[0].options[1].text.zh-Hans" },
        { """{"name": "X", "questions": [{"type": "csat", "text": {"en": "A", "zh-Hans": "A"}, "options": [{"text": {"en": "A", "zh-Hans": "A"}}]}]}""", "questions[0].options" },
        { """{"name": "X", "questions": [{"type": 3, "text": {"en": "A", "zh-Hans": "A"}}]}""", "" },
        { """{"name": "X", "questions": """, "" },
    };

    [Theory]
    [MemberData(nameof(BadSurveys))]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing(string template, string field)
    {
        var tenant = await app.ProvisionTenantAsync("svy-bad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var existing = Id(await CreateAsync(client, Body("Existing")));
        var json = template.Replace("{long}", new string('n', 101)).Replace("{text501}", new string('t', 501)).Replace("{id41}", new string('i', 41))
            .Replace("{21}", string.Join(",", Enumerable.Repeat(Q, 21))).Replace("[Q", "[" + Q).Replace("Q]", Q + "]");
        var before = (await ListAsync(client)).ToString();

        foreach (var send in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => client.PostAsync("/api/v1/survey-templates", Json(json), Ct),
                     () => client.PutAsync($"/api/v1/survey-templates/{existing}", Json(json), Ct),
                 })
        {
            using var response = await send();
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            if (field.Length > 0)
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {problem}");
        }
        Assert.Equal(before, (await ListAsync(client)).ToString());
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_every_call_with_a_survey_id_and_changes_nothing()
    {
        var a = await app.ProvisionTenantAsync("svy-a", Ct);
        var b = await app.ProvisionTenantAsync("svy-b", Ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);
        var aDefault = Id((await ListAsync(clientA))[0]);
        var aOther = Id(await CreateAsync(clientA, Body("A's private survey")));
        var before = (await ListAsync(clientA)).ToString();

        foreach (var id in new[] { aDefault, aOther })
        {
            await Problems.AssertProblemAsync(await clientB.GetAsync($"/api/v1/survey-templates/{id}", Ct), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await clientB.GetAsync($"/api/v1/survey-templates/{id}?version=1", Ct), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await PutAsync(clientB, id, Body("Hijacked")), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await clientB.PostAsync($"/api/v1/survey-templates/{id}/default", null, Ct), HttpStatusCode.NotFound);
            await Problems.AssertProblemAsync(await clientB.DeleteAsync($"/api/v1/survey-templates/{id}", Ct), HttpStatusCode.NotFound);
        }
        Assert.DoesNotContain("A's private survey", (await ListAsync(clientB)).ToString());
        Assert.Equal(before, (await ListAsync(clientA)).ToString());
    }

    [Fact]
    public async Task A_read_only_key_reads_surveys_but_cannot_change_them()
    {
        var tenant = await app.ProvisionTenantAsync("svy-scope", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, token, _) = await AppFixture.CreateApiKeyAsync(admin, "Reader", ["complaints:read"], ct: Ct);
        using var reader = app.CreateClient(token);
        var id = Id((await ListAsync(reader))[0]);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/survey-templates/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/survey-templates", Body("Nope"), AppFixture.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(reader, id, Body("Nope"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/v1/survey-templates/{id}", Ct)).StatusCode);
        Assert.Single((await ListAsync(admin)).EnumerateArray());
    }
}
