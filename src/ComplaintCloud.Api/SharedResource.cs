namespace ComplaintCloud.Api;

/// <summary>Anchor type for the admin's UI strings in Resources/SharedResource.*.resx.</summary>
public sealed class SharedResource;
