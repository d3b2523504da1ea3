using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>A template in effect: the tenant's own (isDefault false) or the built-in wording.</summary>
public sealed record TemplateView([property: WireValues(typeof(TemplateCatalog), nameof(TemplateCatalog.Kinds))] string Kind, [property: WireValues(typeof(TemplateCatalog), nameof(TemplateCatalog.Languages))] string Language, string Subject, string Body, bool IsDefault, DateTimeOffset? UpdatedAt);

public static class TemplateLookup
{
    /// <summary>The tenant's wording for this kind and language, or the built-in default.</summary>
    public static async Task<TemplateView> EffectiveAsync(this AppDbContext db, string kind, string language, CancellationToken ct)
    {
        var own = await db.MessageTemplates.AsNoTracking().Where(t => t.Kind == kind && t.Language == language)
            .Select(t => new TemplateView(t.Kind, t.Language, t.Subject, t.Body, false, t.UpdatedAt)).SingleOrDefaultAsync(ct);
        if (own is not null) return own;
        var builtIn = TemplateCatalog.Default(kind, language);
        return new TemplateView(kind, language, builtIn.Subject, builtIn.Body, true, null);
    }
}
