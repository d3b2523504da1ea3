using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;

namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>
/// Liquid templates of plain-text emails, parsed and rendered by Scriban's Liquid mode (Fluid.Core, the first
/// choice, does not run against the only Parlot version our registry serves). Parse checks for the editors,
/// rendering with the fixed variables; anything else renders empty.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>Why the source does not parse, or null when it does.</summary>
    public static string? ParseError(string source)
    {
        var template = Template.ParseLiquid(source);
        return template.HasErrors ? string.Join("; ", template.Messages.Select(m => m.Message)) : null;
    }

    public static TemplateText Render(TemplateText template, TemplateValues values)
    {
        var subject = Render(template.Subject, values).ReplaceLineEndings(" ").Trim();
        // Replies thread back by the number in the subject: keep it there whatever the wording says.
        if (!subject.Contains(values.Number, StringComparison.Ordinal)) subject = $"{subject} [{values.Number}]";
        return new TemplateText(subject, Render(template.Body, values).Trim() + "\n");
    }

    // Parsed templates by source: a Template renders safely on many threads (each render has its own context).
    // A workspace has a handful; the cap only guards against unbounded growth from edits.
    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 1024;

    private static Template Parse(string source)
    {
        if (Parsed.TryGetValue(source, out var cached)) return cached;
        if (Parsed.Count >= MaxParsed) Parsed.Clear();
        return Parsed.GetOrAdd(source, text => Template.ParseLiquid(text));
    }

    private static string Render(string source, TemplateValues values)
    {
        var template = Parse(source);
        if (template.HasErrors) throw new InvalidOperationException($"A stored template does not parse: {string.Join("; ", template.Messages)}");
        var variables = new ScriptObject
        {
            ["number"] = values.Number, ["subject"] = values.Subject, ["customer_name"] = values.CustomerName,
            ["body"] = values.Body ?? "", ["status_link"] = values.StatusLink ?? "",
        };
        var context = new LiquidTemplateContext { LoopLimit = 1000 };
        context.PushGlobal(variables);
        return template.Render(context); // plain text: no HTML escaping
    }
}
