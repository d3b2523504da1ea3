namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A rule of the domain refused an operation. The domain knows nothing of HTTP: the API's exception handler turns each
/// kind into its problem response (409, 400 naming the field, 404).
/// </summary>
public abstract class DomainRuleException(string message) : Exception(message)
{
    /// <summary>Facts a caller can act on (the allowed actions, the current status), sent along with the problem.</summary>
    public IDictionary<string, object?> Details { get; } = new Dictionary<string, object?>();
}

/// <summary>Not allowed in the entity's current state (409).</summary>
public sealed class RuleConflictException(string message) : DomainRuleException(message);

/// <summary>A value the rule refuses (400, naming the field).</summary>
public sealed class InvalidValueException(string field, string message) : DomainRuleException(message)
{
    public string Field { get; } = field;
}

/// <summary>Something the operation names is not there, or not where it was said to be (404).</summary>
public sealed class NotThereException(string what) : DomainRuleException($"{what} was not found.");

/// <summary>A step this actor may not take: it needs a second role (403).</summary>
public sealed class ForbiddenStepException(string message) : DomainRuleException(message);
