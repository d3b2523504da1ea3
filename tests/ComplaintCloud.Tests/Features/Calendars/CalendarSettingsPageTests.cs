using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Calendars;

/// <summary>Settings → Calendars over HTTP as the workspace's admin: create, edit, refusals as form errors, the try-it panel and the holiday warning.</summary>
public sealed class CalendarSettingsPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestTenant Tenant, AdminClient Admin)> SignedInAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix, Ct);
        var admin = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        return (tenant, admin);
    }

    private static Dictionary<string, string> EditFields(string name, string monday, string holidays = "", string extra = "", string zone = "Europe/London")
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.TimeZone"] = zone, ["Form.Holidays"] = holidays, ["Form.ExtraWorkingDays"] = extra, ["Form.Days[0]"] = monday,
        };
        for (var i = 1; i < 7; i++) fields[$"Form.Days[{i}]"] = "";
        return fields;
    }

    [Fact]
    public async Task Admin_creates_a_calendar_and_edits_hours_holidays_and_extra_days()
    {
        var (tenant, admin) = await SignedInAsync("calpage");
        using var _ = admin;

        var created = await admin.PostFormAsync("/admin/settings/calendars",
            new() { ["NewCalendar.Name"] = "Shanghai office", ["NewCalendar.TimeZone"] = "Asia/Shanghai" }, "/admin/settings/calendars?handler=Create");
        Assert.True(created.Status == HttpStatusCode.Redirect, created.Html[..Math.Min(3000, created.Html.Length)]);
        var page = created.Location!;
        var (status, html) = await admin.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("09:00-17:00", html); // Monday to Friday to start from
        Assert.Contains("calendar-holiday-warning", html); // no holidays next year

        var version = VersionIn(html);
        var fields = EditFields("Shanghai office", "09:00-12:00, 13:00-18:00", "2026-10-01 | 国庆节\n2027-10-01 | National Day | yearly", "2026-10-10 09:00-18:00", "Asia/Shanghai");
        fields["Version"] = version;
        var saved = await admin.PostFormAsync(page, fields, page + "?handler=Save");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("calendar-saved", saved.Html);
        Assert.DoesNotContain("calendar-holiday-warning", saved.Html); // a yearly holiday covers next year

        using var api = app.CreateClient(tenant.ApiKey);
        var id = page.Split('/')[^1];
        var calendar = await api.GetFromJsonAsync<JsonElement>($"/api/v1/calendars/{id}", Ct);
        Assert.Equal(2, calendar.GetProperty("weeklyHours").GetArrayLength());
        Assert.Equal("13:00", calendar.GetProperty("weeklyHours")[1].GetProperty("start").GetString());
        Assert.True(calendar.GetProperty("holidays")[1].GetProperty("recurring").GetBoolean());
        Assert.Equal("2026-10-10", calendar.GetProperty("extraWorkingDays")[0].GetProperty("date").GetString());

        // The try-it panel: Monday 15 Jun 2026 11:30 Shanghai + 60 → 13:30 local.
        var due = await admin.PostFormAsync(page, new() { ["start"] = "2026-06-15T11:30", ["minutes"] = "60" }, page + "?handler=Due");
        Assert.Equal(HttpStatusCode.OK, due.Status);
        Assert.Contains("2026-06-15 13:30", due.Html);
        Assert.Contains("05:30 UTC", due.Html);
        var elapsed = await admin.PostFormAsync(page, new() { ["from"] = "2026-06-15T08:00", ["to"] = "2026-06-16T08:00" }, page + "?handler=Elapsed");
        Assert.Matches("calendar-elapsed-result\">[^<]*<strong>480</strong>", elapsed.Html);
    }

    [Theory]
    [InlineData("9am-5pm", "", "is not a time")]
    [InlineData("09:00-13:00, 12:00-17:00", "", "overlaps")]
    [InlineData("09:00-17:00", "Christmas | Christmas Day", "is not a date")]
    public async Task Bad_input_is_a_form_error_and_changes_nothing(string monday, string holidays, string message)
    {
        var (tenant, admin) = await SignedInAsync("calpagebad");
        using var _ = admin;
        using var api = app.CreateClient(tenant.ApiKey);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/calendars", Ct);
        var id = Id(list.GetProperty("items")[0]);
        var page = $"/admin/settings/calendars/{id}";
        var before = await api.GetStringAsync($"/api/v1/calendars/{id}", Ct);

        var fields = EditFields("Working week", monday, holidays);
        fields["Version"] = VersionIn((await admin.GetAsync(page)).Html);
        var answer = await admin.PostFormAsync(page, fields, page + "?handler=Save");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(message, answer.Alerts);
        Assert.Contains(WebUtility.HtmlEncode(monday), answer.Html); // what was typed stays in the form
        Assert.Equal(before, await api.GetStringAsync($"/api/v1/calendars/{id}", Ct));

        // A due search on nonsense is a message, not a 500.
        var due = await admin.PostFormAsync(page, new() { ["start"] = "2026-06-15T11:30", ["minutes"] = "-5" }, page + "?handler=Due");
        Assert.Equal(HttpStatusCode.OK, due.Status);
        Assert.Contains("calendar-due-error", due.Html);
        // Deleting the calendar the default policy uses is refused on the page.
        var delete = await admin.PostFormAsync(page, new(), page + "?handler=Delete");
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Contains("SLA policy", delete.Alerts);
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_another_workspaces_calendar_is_404()
    {
        var (tenant, admin) = await SignedInAsync("calpagestale");
        using var _ = admin;
        var other = await app.ProvisionTenantAsync("calpageother", Ct);
        using var otherApi = app.CreateClient(other.ApiKey);
        var otherId = Id((await otherApi.GetFromJsonAsync<JsonElement>("/api/v1/calendars", Ct)).GetProperty("items")[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/settings/calendars/{otherId}")).Status);

        using var api = app.CreateClient(tenant.ApiKey);
        var id = Id((await api.GetFromJsonAsync<JsonElement>("/api/v1/calendars", Ct)).GetProperty("items")[0]);
        var page = $"/admin/settings/calendars/{id}";
        var fields = EditFields("Working week", "10:00-16:00");
        fields["Version"] = "1"; // not the row's version
        var answer = await admin.PostFormAsync(page, fields, page + "?handler=Save");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("changed since you read it", answer.Alerts);
    }

    private static string VersionIn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"|value=\"(\\d+)\"[^>]*name=\"Version\"") is { Success: true } m
            ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            : throw new InvalidOperationException("No Version field in the page.");
}
