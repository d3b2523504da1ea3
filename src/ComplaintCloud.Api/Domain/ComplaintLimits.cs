namespace ComplaintCloud.Api.Domain;

/// <summary>
/// How long a complaint's texts may be, in characters: the one source for the database columns, the API's validators,
/// the admin and public forms (constants, so data annotations can use them) and the imports that cut outside text to fit.
/// Tags have their own rules in <see cref="ComplaintTags"/>.
/// </summary>
public static class ComplaintLimits
{
    public const int Subject = 300;
    public const int Description = 20_000;
    public const int CustomerName = 200;
    /// <summary>The longest address RFC 5321 allows (64 + @ + 255).</summary>
    public const int CustomerEmail = 320;
    public const int CustomerPhone = 40;
    public const int CustomerExternalId = 100;
    public const int CustomerTier = 40;
    public const int DesiredOutcome = 2_000;
    public const int ProductRef = 200;
    public const int ExternalRef = 100;

    /// <summary>A reply, note or customer email on the complaint.</summary>
    public const int MessageBody = 20_000;

    // What the handling steps record.
    public const int ActionMessage = 4_000;
    public const int Reason = 2_000;
    public const int RootCause = 4_000;
    public const int RemedyDescription = 4_000;
    public const int ClosingSummary = 4_000;
    public const int LessonsLearned = 4_000;
    /// <summary>An ISO 4217 currency code.</summary>
    public const int Currency = 3;
    /// <summary>Remedy amounts are stored as numeric(18,2): at most twelve digits before the point.</summary>
    public const decimal RemedyAmountBelow = 1_000_000_000_000m;

    /// <summary>The admin intake's tags field: comma-separated, each tag then held to <see cref="ComplaintTags"/>.</summary>
    public const int TagsField = 1_000;
}
