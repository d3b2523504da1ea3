using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// axe-core in the browser, as the Deque.AxeCore.Commons package bundles it: add <see cref="Script"/> to a context (every
/// page of it loads axe), then <see cref="SeriousViolationsAsync"/> lists what it finds of serious or critical impact.
/// </summary>
public static class Axe
{
    /// <summary>axe-core's source, for <c>IBrowserContext.AddInitScriptAsync</c>.</summary>
    public static readonly string Script = new BundledAxeScriptProvider().GetScript();

    // Only violations are collected (axe then keeps no details of what passed), and only those of serious or critical impact.
    private const string Run = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html })) }))
        """;

    /// <summary>One line per serious or critical violation on the page as it is now: rule, help and up to six elements.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        var found = new List<string>();
        foreach (var violation in (await page.EvaluateAsync<JsonElement>(Run)).EnumerateArray())
        {
            var nodes = violation.GetProperty("nodes").EnumerateArray().ToList();
            found.Add($"axe {violation.GetProperty("impact")} {violation.GetProperty("id")} ({violation.GetProperty("help")}) on {nodes.Count}: " +
                      string.Join(" | ", nodes.Take(6).Select(n => $"{n.GetProperty("target")} {Shorten(n.GetProperty("html").GetString()!)}")));
        }
        return found;
    }

    private static string Shorten(string html) => html.Length <= 120 ? html : html[..120] + "…";
}
