using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Every field of every action, through the API, is checked as its descriptor declares it: a wrong JSON type, a missing
/// required field, text past its limit, a value outside its enum, a negative amount — each a 400 naming the field,
/// before anything is loaded or changed. A body of valid values gets past the checks (to the state's 409, or done).
/// </summary>
public sealed class ComplaintActionFieldsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Actions() => new(ComplaintActions.WireNames);

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_field_is_validated_as_its_descriptor_declares(string name)
    {
        var action = ComplaintActions.Find(name)!;
        var tenant = await app.ProvisionTenantAsync("fields", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);

        var failures = new List<string>();
        foreach (var field in action.Fields)
            foreach (var (what, body) in Refusals(action, field))
            {
                using var response = await PostAsync(client, complaint, name, body);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.BadRequest || !JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field.Name))
                    failures.Add($"{name} {field.Name} ({what}): {(int)response.StatusCode} {text}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id")}", Ct);
        Assert.Equal("received", Status(unchanged));
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, complaint));

        // Valid values pass every check: what refuses them now is the state (or, where received allows it, it is done).
        using var valid = await PostAsync(client, complaint, name, ValidBody(action));
        Assert.True(valid.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.OK, $"{(int)valid.StatusCode} {await valid.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_and_an_unknown_action_are_400s()
    {
        var tenant = await app.ProvisionTenantAsync("fields", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        foreach (var body in new[] { "[]", "\"acknowledge\"", "{\"message\": " })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{complaint.GetProperty("id")}/actions/acknowledge")
                { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request, Ct);
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
        using var unknown = await PostAsync(client, complaint, "Acknowledge", new JsonObject());
        Assert.Contains("acknowledge, assess", (await Problems.AssertProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, complaint));
    }

    /// <summary>Bodies that are valid but for one thing wrong with <paramref name="field"/>.</summary>
    private static IEnumerable<(string What, JsonObject Body)> Refusals(ComplaintActionDescriptor action, ActionField field)
    {
        JsonObject With(JsonNode? value)
        {
            var body = ValidBody(action);
            body[field.Name] = value;
            return body;
        }

        yield return ("wrong type", With(field.Kind switch
        {
            ActionFieldKind.ShortText or ActionFieldKind.LongText or ActionFieldKind.Currency => 42,
            ActionFieldKind.YesNo => "yes",
            ActionFieldKind.Choice => 1,
            ActionFieldKind.Department or ActionFieldKind.Member => "not-an-id",
            ActionFieldKind.Amount => "12.50",
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        }));
        if (field.Required)
        {
            var missing = ValidBody(action);
            missing.Remove(field.Name);
            yield return ("missing", missing);
        }
        if (field.MaxLength is { } max) yield return ("too long", With(new string('x', max + 1)));
        if (field.Kind == ActionFieldKind.Choice)
        {
            yield return ("not a value", With("not_a_value"));
            yield return ("not the wire spelling", With(Enum.GetNames(field.ValueType)[^1])); // ForceMajeure, not force_majeure
        }
        if (field.Kind == ActionFieldKind.Amount) yield return ("negative", With(-1));
    }

    /// <summary>A valid value for every field the action takes.</summary>
    private static JsonObject ValidBody(ComplaintActionDescriptor action)
    {
        var body = new JsonObject();
        foreach (var field in action.Fields)
            body[field.Name] = field.Kind switch
            {
                ActionFieldKind.ShortText or ActionFieldKind.LongText => $"Valid {field.Name}",
                ActionFieldKind.YesNo => true,
                ActionFieldKind.Choice => JsonNamingPolicy.SnakeCaseLower.ConvertName(Enum.GetNames(field.ValueType)[0]),
                ActionFieldKind.Department or ActionFieldKind.Member => Guid.NewGuid(),
                ActionFieldKind.Amount => 12.5m,
                ActionFieldKind.Currency => "eur",
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            };
        return body;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonElement complaint, string action, JsonObject body) =>
        client.PostAsync($"/api/v1/complaints/{complaint.GetProperty("id")}/actions/{action}",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
}
