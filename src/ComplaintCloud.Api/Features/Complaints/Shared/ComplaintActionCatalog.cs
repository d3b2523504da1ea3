using ComplaintCloud.Api.Domain.Actions;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>
/// The actions this host serves: the workflow's (<see cref="ComplaintActions.All"/>) and any other descriptor registered
/// as a <see cref="ComplaintActionDescriptor"/> service, after them. The endpoint, allowedActions and the admin's forms
/// look actions up here, so a descriptor is all an action needs to be offered and performed.
/// </summary>
public sealed class ComplaintActionCatalog
{
    private readonly Dictionary<string, ComplaintActionDescriptor> byName;

    public ComplaintActionCatalog(IEnumerable<ComplaintActionDescriptor> registered)
    {
        All = ComplaintActions.All.Concat(registered).ToArray();
        var duplicate = All.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two actions are named '{duplicate.Key}'.");
        byName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ComplaintActionDescriptor> All { get; }

    public ComplaintActionDescriptor? Find(string? name) => name is not null ? byName.GetValueOrDefault(name) : null;

    /// <summary>The 400 for a name that is no action, listing the actions (not repeating what was sent).</summary>
    public string Unknown => $"Unknown action. The actions are: {string.Join(", ", All.Select(a => a.Name))}.";
}
