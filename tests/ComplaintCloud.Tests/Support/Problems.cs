using System.Net;
using System.Text.Json;

namespace ComplaintCloud.Tests.Support;

public static class Problems
{
    /// <summary>Asserts an RFC 9457 problem response with this status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return AssertProblemBody(response, text);
    }

    /// <summary>Asserts the body is a ProblemDetails whose status matches the response; any status.</summary>
    public static JsonElement AssertProblemBody(HttpResponseMessage response, string text)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "A problem needs a title.");
        return problem;
    }
}
