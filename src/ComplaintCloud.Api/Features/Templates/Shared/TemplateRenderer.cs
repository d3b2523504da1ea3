using Fluid;

namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>Liquid (Fluid) templates of plain-text emails: parse checks for the editors, rendering with the fixed variables.</summary>
public static class TemplateRenderer
{
    private static readonly FluidParser Parser = new();

    /// <summary>Why the source does not parse, or null when it does.</summary>
    public static string? ParseError(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    public static TemplateText Render(TemplateText template, TemplateValues values)
    {
        var subject = Render(template.Subject, values).ReplaceLineEndings(" ").Trim();
        // Replies thread back by the number in the subject: keep it there whatever the wording says.
        if (!subject.Contains(values.Number, StringComparison.Ordinal)) subject = $"{subject} [{values.Number}]";
        return new TemplateText(subject, Render(template.Body, values).Trim() + "\n");
    }

    private static string Render(string source, TemplateValues values)
    {
        if (!Parser.TryParse(source, out var template, out var error))
            throw new InvalidOperationException($"A stored template does not parse: {error}");
        var context = new TemplateContext();
        context.SetValue("number", values.Number);
        context.SetValue("subject", values.Subject);
        context.SetValue("customer_name", values.CustomerName);
        context.SetValue("body", values.Body ?? "");
        context.SetValue("status_link", values.StatusLink ?? "");
        return template.Render(context, NullEncoder.Default); // plain text: no HTML escaping
    }
}
