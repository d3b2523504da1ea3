using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Tenants;

/// <summary>
/// The workspace's time zone in NodaTime (<see cref="WorkspaceTimeZone"/>): instants shown in the workspace's wall-clock time,
/// times typed in forms read back across daylight-saving changes, and the admin forms that use it.
/// </summary>
public sealed class WorkspaceTimeZoneTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Instants_show_as_the_workspaces_wall_clock_time()
    {
        var shanghai = WorkspaceTimeZone.Of("Asia/Shanghai");
        Assert.Equal("2026-03-01 22:05", shanghai.Format(Utc(3, 1, 14, 5)));
        Assert.Equal("2026-03-01T22:05", shanghai.FormatForInput(Utc(3, 1, 14, 5)));
        Assert.Equal("2026-07-01 15:00", WorkspaceTimeZone.Of("Europe/London").Format(Utc(7, 1, 14)));
        Assert.Equal("2026-03-01 14:05", WorkspaceTimeZone.Of("No/Such_Zone").Format(Utc(3, 1, 14, 5)));
    }

    [Fact]
    public void Typed_times_are_read_in_the_zone_across_daylight_saving_changes()
    {
        var london = WorkspaceTimeZone.Of("Europe/London");
        Assert.Equal(Utc(7, 1, 14), london.FromLocal(new DateTime(2026, 7, 1, 15, 0, 0)));
        // 29 March 2026: 01:00 jumps to 02:00; a time in the gap is the instant the gap ends.
        Assert.Equal(Utc(3, 29, 1), london.FromLocal(new DateTime(2026, 3, 29, 1, 30, 0)));
        // 25 October 2026: 01:00-02:00 happens twice; the first is meant.
        Assert.Equal(Utc(10, 25, 0, 30), london.FromLocal(new DateTime(2026, 10, 25, 1, 30, 0)));
        Assert.Equal(TimeSpan.Zero, london.FromLocal(new DateTime(2026, 7, 1, 15, 0, 0)).Offset);

        Assert.Equal(Utc(2, 28, 16), WorkspaceTimeZone.Of("Asia/Shanghai").StartOfDay(new DateOnly(2026, 3, 1)));
        // Santiago's clocks skip midnight on 6 September 2026: the day starts at 01:00 local time.
        Assert.Equal(Utc(9, 6, 4), WorkspaceTimeZone.Of("America/Santiago").StartOfDay(new DateOnly(2026, 9, 6)));

        Assert.True(london.ShowsAs(Utc(7, 1, 14, 0).AddSeconds(42), new DateTime(2026, 7, 1, 15, 0, 0)));
        Assert.False(london.ShowsAs(Utc(7, 1, 14), new DateTime(2026, 7, 1, 14, 0, 0)));
    }

    [Fact]
    public async Task The_admin_forms_read_and_show_times_in_the_workspaces_zone()
    {
        var tenant = await app.ProvisionTenantAsync("zone", Ct); // Europe/London
        using var api = app.CreateClient(tenant.ApiKey);
        using var admin = AdminClient.Open(app.Factory);
        await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);

        var recorded = await admin.PostFormAsync("/admin/complaints/new", new()
        {
            ["Input.Channel"] = "Phone", ["Input.Subject"] = "Phoned in", ["Input.Description"] = "About the parcel",
            ["Input.Customer.Name"] = "Zoe Zone", ["Input.ReceivedAt"] = "2026-07-01T15:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var path = recorded.Location!;
        var complaint = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{path.Split('/')[^1]}", Ct);
        Assert.Equal(Utc(7, 1, 14), complaint.GetProperty("receivedAt").GetDateTimeOffset());

        // The due time typed on the complaint page, on the night the clocks go back: the first 01:30.
        var classified = await admin.PostFormAsync(path, new() { ["Classify.DueAt"] = "2026-10-25T01:30", ["Classify.Tags"] = "" },
            $"{path}?handler=classify");
        Assert.Equal(HttpStatusCode.Redirect, classified.Status);
        complaint = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(Utc(10, 25, 0, 30), complaint.GetProperty("dueAt").GetDateTimeOffset());

        var (_, page) = await admin.GetAsync(path);
        Assert.Contains("value=\"2026-10-25T01:30\" data-testid=\"due-input\"", page);
        Assert.Contains("2026-07-01 15:00", page);
    }
}
