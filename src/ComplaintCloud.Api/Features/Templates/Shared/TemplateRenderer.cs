using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>
/// Liquid templates of plain-text emails, parsed and rendered by Scriban's Liquid mode (Fluid.Core, the first
/// choice, does not run against the only Parlot version our registry serves). Parse checks for the editors,
/// rendering with the fixed variables; anything else renders empty.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>Why the source does not parse or does not render (with sample values), or null when it does both.</summary>
    public static string? ErrorIn(string source)
    {
        var template = Template.ParseLiquid(source);
        if (template.HasErrors) return string.Join("; ", template.Messages.Select(m => m.Message));
        try
        {
            template.Render(NewContext(TemplateValues.Sample));
            return null;
        }
        catch (ScriptRuntimeException e)
        {
            return e.OriginalMessage; // a loop past the limit, an assignment to a builtin…
        }
    }

    // Every LiquidTemplateContext shares Scriban's one 'date' builtin object, so a template that assigned date.format
    // would change how every later email of every workspace prints dates. Made read-only once: such a template
    // fails to render, and ErrorIn reports that when it is saved.
    static TemplateRenderer() => Freeze(new LiquidTemplateContext().BuiltinObject, []);

    private static void Freeze(ScriptObject builtins, HashSet<ScriptObject> seen)
    {
        if (!seen.Add(builtins)) return;
        foreach (var name in builtins.Keys.ToList())
        {
            if (builtins[name] is ScriptObject nested) Freeze(nested, seen);
            builtins.SetReadOnly(name, true);
        }
    }

    public static TemplateText Render(TemplateText template, TemplateValues values)
    {
        // One context for both halves: building one (its builtin functions) is much of a render's cost. It is not
        // kept for the next email: what a template assigns must not carry into another's.
        var context = NewContext(values);
        var subject = Render(template.Subject, context).ReplaceLineEndings(" ").Trim();
        // Replies thread back by the number in the subject: keep it there whatever the wording says.
        if (!subject.Contains(values.Number, StringComparison.Ordinal)) subject = $"{subject} [{values.Number}]";
        context.Reset();
        context.PushGlobal(Variables(values));
        return new TemplateText(subject, Render(template.Body, context).Trim() + "\n");
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

    private static LiquidTemplateContext NewContext(TemplateValues values)
    {
        var context = new LiquidTemplateContext { LoopLimit = 1000 };
        context.PushGlobal(Variables(values));
        return context;
    }

    // Fresh for each half, so that what the subject assigns does not carry into the body.
    private static ScriptObject Variables(TemplateValues values) => new()
    {
        ["number"] = values.Number, ["subject"] = values.Subject, ["customer_name"] = values.CustomerName,
        ["body"] = values.Body ?? "", ["status_link"] = values.StatusLink ?? "",
    };

    private static string Render(string source, TemplateContext context)
    {
        var template = Parse(source);
        if (template.HasErrors) throw new InvalidOperationException($"A stored template does not parse: {string.Join("; ", template.Messages)}");
        return template.Render(context); // plain text: no HTML escaping
    }
}
