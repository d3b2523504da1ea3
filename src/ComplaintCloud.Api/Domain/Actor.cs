namespace ComplaintCloud.Api.Domain;

/// <summary>Who did something: a signed-in member, an integration's API key, the customer, or the system.</summary>
public sealed record Actor([property: Infrastructure.OpenApi.WireValues(typeof(Actor), nameof(Actor.Kinds))] string Kind, Guid? Id, string Name)
{
    public const string Member = "member";
    public const string ApiKey = "api_key";
    public const string Customer = "customer";
    public const string System = "system";

    public static readonly IReadOnlyList<string> Kinds = [Member, ApiKey, Customer, System];

    public static readonly Actor SystemActor = new(System, null, "ComplaintCloud");

    /// <summary>The system recording a return visit's answer and what follows from it (customer-accept, -reject).</summary>
    public static readonly Actor ReturnVisit = new(System, null, "Return visit");
}
