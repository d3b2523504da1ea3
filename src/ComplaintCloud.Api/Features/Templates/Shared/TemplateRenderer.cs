using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>
/// Liquid templates of plain-text emails, parsed and rendered by Scriban's Liquid mode (Fluid.Core, the first
/// choice, does not run against the only Parlot version our registry serves), with the fixed variables; anything
/// else renders empty. Templates are written by tenant admins and run on shared threads for every receipt and
/// reply, so each render is bounded: no regex or eval builtins, small loop and string limits, and a wall-clock
/// budget after which it is aborted.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>A render that takes longer is aborted: refused when saved, the built-in wording when sent.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);
    /// <summary>Iterations of all loops of one render together; an email's wording has no lists to walk.</summary>
    public const int LoopLimit = 100;
    /// <summary>The longest string a render may build (a value, a padding) and the longest output.</summary>
    public const int TextLimit = 100_000;

    // regex.* can backtrack for seconds per call; object.eval and include run text that was never checked when saved.
    private static readonly string[] RemovedBuiltins = ["regex", "include", "include_join"];
    private static readonly string[] RemovedObjectMembers = ["eval", "eval_template"];

    /// <summary>
    /// One trial render of subject and body with the sample values, as a save or a preview does: the rendered
    /// email, or why each part does not parse or does not render within the limits.
    /// </summary>
    public static TemplateTrial Try(TemplateText template, TemplateValues values)
    {
        var subjectError = ParseError(template.Subject);
        var bodyError = ParseError(template.Body);
        if (subjectError is not null || bodyError is not null) return new TemplateTrial(null, subjectError, bodyError);
        try
        {
            return new TemplateTrial(Render(template, values), null, null);
        }
        catch (TemplateRenderException e)
        {
            return e.InSubject ? new TemplateTrial(null, e.Message, null) : new TemplateTrial(null, null, e.Message);
        }
    }

    // Every LiquidTemplateContext shares Scriban's one 'date' builtin object, so a template that assigned date.format
    // would change how every later email of every workspace prints dates. Made read-only once: such a template
    // fails to render, and a trial render reports that when it is saved.
    static TemplateRenderer()
    {
        Freeze(new LiquidTemplateContext().BuiltinObject, []);
        // Compiles Scriban's common paths once, unbudgeted: the first render after start-up can spend more than the
        // budget in the JIT, which would refuse a good template or send the built-in wording for no fault of its own.
        Render(new TemplateText("{{ number }} {{ subject | upcase }}", TemplateCatalog.Default(TemplateCatalog.Reply, TemplateCatalog.English).Body
            + "{% for w in (1..2) %}{% if w > 1 %}{{ customer_name | truncate 5 }}{% endif %}{% endfor %}{% assign x = body | strip %}"),
            TemplateValues.Sample, ours: true);
    }

    private static void Freeze(ScriptObject builtins, HashSet<ScriptObject> seen)
    {
        if (!seen.Add(builtins)) return;
        foreach (var name in builtins.Keys.ToList())
        {
            if (builtins[name] is ScriptObject nested) Freeze(nested, seen);
            builtins.SetReadOnly(name, true);
        }
    }

    /// <param name="ours">Our own built-in wording: no time budget (a busy host or the JIT must not fail a receipt).</param>
    /// <exception cref="TemplateRenderException">The template does not parse, fails, or exceeds a limit or the budget.</exception>
    public static TemplateText Render(TemplateText template, TemplateValues values, bool ours = false)
    {
        // One context for both halves: building one (its builtin functions) is much of a render's cost. It is not
        // kept for the next email: what a template assigns must not carry into another's.
        using var budget = ours ? null : new CancellationTokenSource(Budget);
        var context = NewContext(values, budget?.Token ?? CancellationToken.None);
        var subject = RenderPart(template.Subject, context, inSubject: true).ReplaceLineEndings(" ").Trim();
        // Replies thread back by the number in the subject: keep it there whatever the wording says.
        if (!subject.Contains(values.Number, StringComparison.Ordinal)) subject = $"{subject} [{values.Number}]";
        context.Reset();
        context.PushGlobal(Variables(values));
        return new TemplateText(subject, RenderPart(template.Body, context, inSubject: false).Trim() + "\n");
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

    private static string? ParseError(string source) =>
        Parse(source) is { HasErrors: true } template ? string.Join("; ", template.Messages.Select(m => m.Message)) : null;

    private static LiquidTemplateContext NewContext(TemplateValues values, CancellationToken budget)
    {
        var context = new LiquidTemplateContext
        {
            LoopLimit = LoopLimit, LimitToString = TextLimit, OutputLimit = TextLimit, RecursiveLimit = 20,
            RegexTimeOut = Budget, CancellationToken = budget,
        };
        foreach (var name in RemovedBuiltins) context.BuiltinObject.Remove(name);
        if (context.BuiltinObject["object"] is ScriptObject objectFunctions)
            foreach (var name in RemovedObjectMembers) objectFunctions.Remove(name);
        context.PushGlobal(Variables(values));
        return context;
    }

    // Fresh for each half, so that what the subject assigns does not carry into the body.
    private static ScriptObject Variables(TemplateValues values) => new()
    {
        ["number"] = values.Number, ["subject"] = values.Subject, ["customer_name"] = values.CustomerName,
        ["body"] = values.Body ?? "", ["status_link"] = values.StatusLink ?? "",
        ["survey_link"] = values.SurveyLink ?? "", ["opt_out_link"] = values.OptOutLink ?? "",
    };

    private static string RenderPart(string source, TemplateContext context, bool inSubject)
    {
        var template = Parse(source);
        if (template.HasErrors)
            throw new TemplateRenderException(inSubject, $"It does not parse: {string.Join("; ", template.Messages.Select(m => m.Message))}", null);
        try
        {
            return template.Render(context); // plain text: no HTML escaping
        }
        catch (ScriptAbortException e)
        {
            throw new TemplateRenderException(inSubject, $"Rendering took longer than {Budget.TotalMilliseconds:0} ms.", e);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateRenderException(inSubject, e.OriginalMessage, e); // a loop past the limit, an assignment to a builtin…
        }
        catch (Exception e) when (e is OperationCanceledException or ArgumentException or InvalidOperationException or FormatException
                                      or OverflowException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new TemplateRenderException(inSubject, e.Message, e); // a builtin that failed outside Scriban's own checks
        }
    }
}

/// <summary>The outcome of a trial render: the email, or what is wrong with the subject or the body.</summary>
public sealed record TemplateTrial(TemplateText? Rendered, string? SubjectError, string? BodyError);

/// <summary>A template that does not parse, fails, or exceeds a limit or the time budget of a render.</summary>
public sealed class TemplateRenderException(bool inSubject, string message, Exception? inner) : Exception(message, inner)
{
    public bool InSubject { get; } = inSubject;
}
