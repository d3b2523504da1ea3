using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Calendars;

/// <summary>The calendar endpoints against PostgreSQL: CRUD with ETags, the try-it arithmetic, the holiday import and every refusal.</summary>
public sealed class CalendarApiTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object London(string name = "London office") => new
    {
        name, timeZone = "Europe/London",
        weeklyHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new { day = d, start = "09:00", end = "17:30" }),
        holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" } },
    };

    private static async Task<JsonElement> CreateAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/calendars", body, AppFixture.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string> RawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task Create_read_list_replace_and_delete()
    {
        var tenant = await app.ProvisionTenantAsync("cal", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var created = await admin.PostAsJsonAsync("/api/v1/calendars", London(), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = Id(body);
        Assert.Equal($"/api/v1/calendars/{id}", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("Europe/London", body.GetProperty("timeZone").GetString());
        Assert.False(body.GetProperty("is24x7").GetBoolean());
        Assert.Equal(5, body.GetProperty("weeklyHours").GetArrayLength());
        Assert.Equal("monday", body.GetProperty("weeklyHours")[0].GetProperty("day").GetString());
        Assert.Equal("17:30", body.GetProperty("weeklyHours")[0].GetProperty("end").GetString());
        var holiday = body.GetProperty("holidays")[0];
        Assert.Equal("2026-12-25", holiday.GetProperty("date").GetString());
        Assert.False(holiday.GetProperty("recurring").GetBoolean());
        Assert.Equal(0, body.GetProperty("extraWorkingDays").GetArrayLength());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.True(body.TryGetProperty("updatedAt", out _));
        Assert.False(body.TryGetProperty("version", out _));
        Assert.Equal(created.Headers.ETag!.ToString(), await ETagOfAsync(admin, $"/api/v1/calendars/{id}"));

        using var list = await admin.GetAsync("/api/v1/calendars", Ct);
        var names = (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["London office", SlaDefaults.CalendarName], names);

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/calendars/{id}")
        {
            Content = JsonContent.Create(new
            {
                name = "London office (late)", timeZone = "Europe/London",
                weeklyHours = new[] { new { day = "monday", start = "12:00", end = "20:00" } },
                extraWorkingDays = new[] { new { date = "2026-06-13", start = "10:00", end = "14:00" } },
            }, options: AppFixture.Json),
        };
        put.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var replaced = await admin.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("London office (late)", after.GetProperty("name").GetString());
        Assert.Equal(1, after.GetProperty("weeklyHours").GetArrayLength());
        Assert.Equal(0, after.GetProperty("holidays").GetArrayLength()); // a full replacement
        Assert.Equal("2026-06-13", after.GetProperty("extraWorkingDays")[0].GetProperty("date").GetString());
        Assert.NotEqual(created.Headers.ETag!.ToString(), replaced.Headers.ETag!.ToString());

        using var deleted = await admin.DeleteAsync($"/api/v1/calendars/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync($"/api/v1/calendars/{id}", Ct);
        await Problems.AssertProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("caletag", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));
        var first = await ETagOfAsync(admin, $"/api/v1/calendars/{id}");
        using (var ok = await admin.PutAsJsonAsync($"/api/v1/calendars/{id}", London("Renamed"), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var before = await RawAsync(admin, $"/api/v1/calendars/{id}");

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/calendars/{id}") { Content = JsonContent.Create(London("Stale"), options: AppFixture.Json) };
        put.Headers.TryAddWithoutValidation("If-Match", first);
        using var response = await admin.SendAsync(put, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await RawAsync(admin, $"/api/v1/calendars/{id}"));
    }

    [Fact]
    public async Task Deleting_a_calendar_a_policy_uses_is_409()
    {
        var tenant = await app.ProvisionTenantAsync("caldel", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        using var list = await admin.GetAsync("/api/v1/calendars", Ct);
        var workingWeek = Id((await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0]);

        // The default policy counts on the workspace's Working week.
        using var response = await admin.DeleteAsync($"/api/v1/calendars/{workingWeek}", Ct);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("SLA policy", problem.GetProperty("detail").GetString());

        // A second policy on a new calendar holds it too.
        var other = Id(await CreateAsync(admin, London("Held")));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.SlaPolicies.Add(new SlaPolicy { Id = Guid.CreateVersion7(), Name = "VIP", Position = 1, CalendarId = other, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(Ct);
        }
        using var held = await admin.DeleteAsync($"/api/v1/calendars/{other}", Ct);
        await Problems.AssertProblemAsync(held, HttpStatusCode.Conflict);
        using var still = await admin.GetAsync($"/api/v1/calendars/{other}", Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Due_and_elapsed_on_the_calendar()
    {
        var tenant = await app.ProvisionTenantAsync("caldue", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));

        // Thu 24 Dec 2026 17:00 GMT + 60: 30 on Thursday, Christmas off, the weekend, Mon 28 Dec 09:30 GMT.
        using var due = await admin.PostAsJsonAsync($"/api/v1/calendars/{id}/due", new { start = "2026-12-24T17:00:00Z", businessMinutes = 60 }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        Assert.Equal("2026-12-28T09:30:00+00:00", (await due.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("due").GetString());

        // An offset other than Z is that instant: Mon 15 Jun 17:00 BST + 60 → 30 on Monday, Tue 09:00 BST (08:00Z) + 30.
        using var bst = await admin.PostAsJsonAsync($"/api/v1/calendars/{id}/due", new { start = "2026-06-15T17:00+01:00", businessMinutes = 60 }, AppFixture.Json, Ct);
        Assert.Equal("2026-06-16T08:30:00+00:00", (await bst.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("due").GetString());

        using var elapsed = await admin.PostAsJsonAsync($"/api/v1/calendars/{id}/elapsed", new { from = "2026-12-24T17:00:00Z", to = "2026-12-28T09:30:00Z" }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, elapsed.StatusCode);
        Assert.Equal(60, (await elapsed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("businessMinutes").GetInt64());
    }

    [Fact]
    public async Task A_calendar_too_thin_for_the_target_is_422()
    {
        var tenant = await app.ProvisionTenantAsync("calhor", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, new
        {
            name = "Once", timeZone = "Asia/Shanghai", extraWorkingDays = new[] { new { date = "2026-10-10", start = "09:00", end = "18:00" } },
        }));

        using var response = await admin.PostAsJsonAsync($"/api/v1/calendars/{id}/due", new { start = "2026-10-11T00:00:00Z", businessMinutes = 60 }, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("5 years", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string> BadCalendars => new()
    {
        { """{"name":"x","timeZone":"Mars/Olympus","weeklyHours":[{"day":"monday","start":"09:00","end":"17:00"}]}""", "timeZone" },
        { """{"name":"x","weeklyHours":[{"day":"monday","start":"09:00","end":"17:00"}]}""", "timeZone" },
        { """{"name":"x","timeZone":"Europe/London","weeklyHours":[{"day":"Montag","start":"09:00","end":"17:00"}]}""", "weeklyHours[0].day" },
        { """{"name":"x","timeZone":"Europe/London","weeklyHours":[{"day":"monday","start":"9am","end":"17:00"}]}""", "weeklyHours[0].start" },
        { """{"name":"x","timeZone":"Europe/London","weeklyHours":[{"day":"monday","start":"09:00","end":"25:00"}]}""", "weeklyHours[0].end" },
        { """{"name":"x","timeZone":"Europe/London","weeklyHours":[{"day":"monday","start":"09:00","end":"13:00"},{"day":"monday","start":"12:00","end":"17:00"}]}""", "weeklyHours[1]" },
        { """{"name":"x","timeZone":"Europe/London","weeklyHours":[{"day":"monday","start":"22:00","end":"06:00"},{"day":"tuesday","start":"05:00","end":"09:00"}]}""", "weeklyHours[1]" },
        { """{"name":"x","timeZone":"Europe/London"}""", "weeklyHours" },
        { """{"name":"x","timeZone":"Europe/London","is24x7":false,"weeklyHours":[]}""", "weeklyHours" },
        { """{"name":"x","timeZone":"Europe/London","is24x7":true,"holidays":[{"date":"2026-02-30","name":"Nope"}]}""", "holidays[0].date" },
        { """{"name":"x","timeZone":"Europe/London","is24x7":true,"holidays":[{"date":"2026-12-25","name":" "}]}""", "holidays[0].name" },
        { """{"name":"x","timeZone":"Europe/London","is24x7":true,"extraWorkingDays":[{"date":"10/10/2026","start":"09:00","end":"18:00"}]}""", "extraWorkingDays[0].date" },
        { """{"name":"x","timeZone":"Europe/London","is24x7":true,"extraWorkingDays":[{"date":"2026-10-10","start":"09:00","end":"18:00"},{"date":"2026-10-10","start":"17:00","end":"19:00"}]}""", "extraWorkingDays[1]" },
        { """{"name":"","timeZone":"Europe/London","is24x7":true}""", "name" },
        { """{"name":"NAME","timeZone":"Europe/London","is24x7":true}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadCalendars))]
    public async Task Bad_calendars_are_400_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = await app.ProvisionTenantAsync("calbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));
        var before = await RawAsync(admin, $"/api/v1/calendars/{id}");
        json = json.Replace("NAME", new string('n', 101));

        using var created = await admin.PostAsync("/api/v1/calendars", Json(json), Ct);
        var problem = await Problems.AssertProblemAsync(created, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");

        using var replaced = await admin.PutAsync($"/api/v1/calendars/{id}", Json(json), Ct);
        var again = await Problems.AssertProblemAsync(replaced, HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {again}");

        Assert.Equal(before, await RawAsync(admin, $"/api/v1/calendars/{id}"));
        using var list = await admin.GetAsync("/api/v1/calendars", Ct);
        Assert.Equal(2, (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("London office")]
    [InlineData("LONDON OFFICE")]
    [InlineData("working week")]
    public async Task A_name_taken_regardless_of_case_is_409(string name)
    {
        var tenant = await app.ProvisionTenantAsync("caldup", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));
        var other = Id(await CreateAsync(admin, London("Other")));

        using var created = await admin.PostAsJsonAsync("/api/v1/calendars", London(name), AppFixture.Json, Ct);
        await Problems.AssertProblemAsync(created, HttpStatusCode.Conflict);
        using var renamed = await admin.PutAsJsonAsync($"/api/v1/calendars/{other}", London(name), AppFixture.Json, Ct);
        await Problems.AssertProblemAsync(renamed, HttpStatusCode.Conflict);
        Assert.Contains("\"Other\"", await RawAsync(admin, $"/api/v1/calendars/{other}"));
        // Renaming a calendar to its own name in another case is fine.
        using var self = await admin.PutAsJsonAsync($"/api/v1/calendars/{id}", London("LONDON office"), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
    }

    [Theory]
    [InlineData("""{"start":"2026-06-15T09:00:00Z","businessMinutes":-1}""", "businessMinutes")]
    [InlineData("""{"start":"2026-06-15T09:00:00Z","businessMinutes":99999999}""", "businessMinutes")]
    [InlineData("""{"start":"2026-06-15T09:00:00Z"}""", "businessMinutes")]
    [InlineData("""{"start":"yesterday","businessMinutes":10}""", "start")]
    [InlineData("""{"start":"2026-06-15T09:00:00","businessMinutes":10}""", "start")]
    [InlineData("""{"businessMinutes":10}""", "start")]
    public async Task Bad_due_requests_are_400_naming_the_field(string json, string field)
    {
        var tenant = await app.ProvisionTenantAsync("calduebad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));

        using var response = await admin.PostAsync($"/api/v1/calendars/{id}/due", Json(json), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
    }

    [Theory]
    [InlineData("""{"from":"2026-06-15T09:00:00Z","to":"2026-06-14T09:00:00Z"}""", "to")]
    [InlineData("""{"from":"2026-06-15T09:00:00Z","to":"2036-06-14T09:00:00Z"}""", "to")]
    [InlineData("""{"from":"15/06/2026","to":"2026-06-14T09:00:00Z"}""", "from")]
    [InlineData("""{"from":"2026-06-15T09:00:00Z"}""", "to")]
    public async Task Bad_elapsed_requests_are_400_naming_the_field(string json, string field)
    {
        var tenant = await app.ProvisionTenantAsync("calelbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));

        using var response = await admin.PostAsync($"/api/v1/calendars/{id}/elapsed", Json(json), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
    }

    private static StringContent ICalendar(string text) => new(text, Encoding.UTF8, "text/calendar");

    private const string YearlyChristmasAndEaster = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//ComplaintCloud tests//EN
        BEGIN:VEVENT
        UID:christmas@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20261225
        DTEND;VALUE=DATE:20261226
        RRULE:FREQ=YEARLY
        SUMMARY:Christmas Day
        END:VEVENT
        BEGIN:VEVENT
        UID:easter@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20260403
        DTEND;VALUE=DATE:20260407
        SUMMARY:Easter weekend
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public async Task Importing_an_icalendar_file_expands_yearly_rules_ten_years_ahead_and_skips_dates_already_off()
    {
        var tenant = await app.ProvisionTenantAsync("calics", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London())); // already has 2026-12-25
        var etag = await ETagOfAsync(admin, $"/api/v1/calendars/{id}");

        using var response = await admin.PostAsync($"/api/v1/calendars/{id}/holidays/import", ICalendar(YearlyChristmasAndEaster.Replace("\n", "\r\n")), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var added = body.GetProperty("added").EnumerateArray().Select(h => h.GetProperty("date").GetString()!).ToList();
        Assert.Contains("2026-04-03", added);
        Assert.Contains("2026-04-06", added); // the four days of the all-day event
        Assert.DoesNotContain("2026-04-07", added); // DTEND is exclusive
        Assert.DoesNotContain("2026-12-25", added); // already there
        Assert.Equal(1, body.GetProperty("skipped").GetInt32());
        Assert.Contains("2027-12-25", added);
        var lastYear = DateTime.UtcNow.Year + 10;
        Assert.Contains($"{lastYear - 1}-12-25", added);
        Assert.DoesNotContain($"{lastYear + 1}-12-25", added);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());

        var calendar = JsonSerializer.Deserialize<JsonElement>(await RawAsync(admin, $"/api/v1/calendars/{id}"));
        var dates = calendar.GetProperty("holidays").EnumerateArray().Select(h => h.GetProperty("date").GetString()!).ToList();
        Assert.Equal(dates.Distinct().Count(), dates.Count);
        Assert.Equal(added.Count + 1, dates.Count);

        // The same file again adds nothing.
        using var again = await admin.PostAsync($"/api/v1/calendars/{id}/holidays/import", ICalendar(YearlyChristmasAndEaster), Ct);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetArrayLength());
    }

    [Fact]
    public async Task Import_refuses_garbage_other_types_and_files_over_1_mb()
    {
        var tenant = await app.ProvisionTenantAsync("calicsbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));
        var before = await RawAsync(admin, $"/api/v1/calendars/{id}");

        using var garbage = await admin.PostAsync($"/api/v1/calendars/{id}/holidays/import", ICalendar("this is not a calendar at all"), Ct);
        var problem = await Problems.AssertProblemAsync(garbage, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));

        using var json = await admin.PostAsync($"/api/v1/calendars/{id}/holidays/import", Json("{}"), Ct);
        await Problems.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);

        var huge = YearlyChristmasAndEaster.Replace("SUMMARY:Christmas Day", "SUMMARY:Christmas Day\r\nDESCRIPTION:" + new string('x', 1024 * 1024));
        using var tooLarge = await admin.PostAsync($"/api/v1/calendars/{id}/holidays/import", ICalendar(huge), Ct);
        await Problems.AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await RawAsync(admin, $"/api/v1/calendars/{id}"));
    }

    [Fact]
    public async Task Another_workspaces_calendar_is_404_on_every_calendar_endpoint()
    {
        var a = await app.ProvisionTenantAsync("calxa", Ct);
        var b = await app.ProvisionTenantAsync("calxb", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        using var adminB = app.CreateClient(b.ApiKey);
        var id = Id(await CreateAsync(adminA, London()));
        var before = await RawAsync(adminA, $"/api/v1/calendars/{id}");
        var path = $"/api/v1/calendars/{id}";

        HttpRequestMessage[] requests =
        [
            new(HttpMethod.Get, path),
            new(HttpMethod.Put, path) { Content = JsonContent.Create(London("Stolen"), options: AppFixture.Json) },
            new(HttpMethod.Delete, path),
            new(HttpMethod.Post, path + "/due") { Content = JsonContent.Create(new { start = "2026-06-15T09:00:00Z", businessMinutes = 10 }, options: AppFixture.Json) },
            new(HttpMethod.Post, path + "/elapsed") { Content = JsonContent.Create(new { from = "2026-06-15T09:00:00Z", to = "2026-06-16T09:00:00Z" }, options: AppFixture.Json) },
            new(HttpMethod.Post, path + "/holidays/import") { Content = ICalendar(YearlyChristmasAndEaster) },
        ];
        foreach (var request in requests)
        {
            using (request)
            using (var response = await adminB.SendAsync(request, Ct))
                await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        Assert.Equal(before, await RawAsync(adminA, path));
        using var listB = await adminB.GetAsync("/api/v1/calendars", Ct);
        Assert.DoesNotContain(id.ToString(), await listB.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_read_key_reads_and_tries_but_cannot_change()
    {
        var tenant = await app.ProvisionTenantAsync("calscope", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var id = Id(await CreateAsync(admin, London()));
        var before = await RawAsync(admin, $"/api/v1/calendars/{id}");
        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read", "complaints:write");

        using (var get = await reader.GetAsync($"/api/v1/calendars/{id}", Ct)) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var due = await reader.PostAsJsonAsync($"/api/v1/calendars/{id}/due", new { start = "2026-06-15T09:00:00Z", businessMinutes = 10 }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, due.StatusCode);

        using (var create = await reader.PostAsJsonAsync("/api/v1/calendars", London("Mine"), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using (var put = await reader.PutAsJsonAsync($"/api/v1/calendars/{id}", London("Mine"), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        using (var delete = await reader.DeleteAsync($"/api/v1/calendars/{id}", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using (var import = await reader.PostAsync($"/api/v1/calendars/{id}/holidays/import", ICalendar(YearlyChristmasAndEaster), Ct))
            Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(before, await RawAsync(admin, $"/api/v1/calendars/{id}"));
    }
}
