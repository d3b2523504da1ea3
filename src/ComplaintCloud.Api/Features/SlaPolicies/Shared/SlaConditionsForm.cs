using ComplaintCloud.Api.Features.Categories.Shared;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>
/// The conditions editor's fields (an SLA policy's, an escalation rule's): selects for severities, channels and
/// categories, comma-separated tags and customer tiers. Rendered by Shared/_SlaConditions.cshtml.
/// </summary>
public sealed class SlaConditionsForm
{
    public List<string> Severities { get; set; } = [];
    public List<string> Channels { get; set; } = [];
    public List<Guid> CategoryIds { get; set; } = [];
    /// <summary>Comma-separated, as the other admin forms take tags.</summary>
    public string? Tags { get; set; }
    public string? CustomerTiers { get; set; }

    public static SlaConditionsForm From(SlaConditionsView c) => new()
    {
        Severities = [.. c.Severities], Channels = [.. c.Channels], CategoryIds = [.. c.CategoryIds],
        Tags = string.Join(", ", c.Tags), CustomerTiers = string.Join(", ", c.CustomerTiers),
    };

    public SlaConditionsInput ToInput() =>
        new(Severities, CategoryIds, Channels, SlaFormChoices.SplitList(Tags), SlaFormChoices.SplitList(CustomerTiers));
}

/// <summary>What the conditions partial needs: the form's field prefix ("Input.Conditions"), its values and the category choices.</summary>
public sealed record SlaConditionsEditor(string Prefix, SlaConditionsForm Form, IReadOnlyList<CategoryNode> Categories);
