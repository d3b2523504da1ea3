namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// How long the text fields of workflow actions may be: the columns and the event data they end up in. One place, so
/// that the workspace-wide limits can take these over by pointing each constant at theirs.
/// </summary>
public static class ActionFieldLimits
{
    public const int Message = 4000;
    /// <summary>A reason is also stored as the complaint's invalid_reason (2000).</summary>
    public const int Reason = 2000;
    public const int RootCause = 4000;
    public const int RemedyDescription = 4000;
    public const int Summary = 4000;
    public const int LessonsLearned = 4000;
    public const int Currency = 3;
    /// <summary>Amounts are stored as numeric(18,2): at most twelve digits before the point.</summary>
    public const decimal AmountBelow = 1_000_000_000_000m;
}
