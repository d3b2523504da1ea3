namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>
/// A return-visit survey: its questions live in versions. A version that a visit has used is never changed again, so old
/// answers keep the questions they answered; editing a template in use adds a version (<see cref="CurrentVersionId"/>).
/// Each workspace has one default template, the one visits use.
/// </summary>
public sealed class SurveyTemplate : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public bool IsDefault { get; set; }
    public Guid CurrentVersionId { get; set; }
    public int CurrentVersionNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>One version of a template's questions, immutable once a visit used it.</summary>
public sealed class SurveyTemplateVersion : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    /// <summary>1, 2, 3… per template.</summary>
    public int Number { get; set; }
    public SurveyQuestionList Questions { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The questions of a version, in order (a jsonb column).</summary>
public sealed class SurveyQuestionList
{
    public List<SurveyQuestion> Items { get; set; } = [];
}
