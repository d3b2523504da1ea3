namespace ComplaintCloud.Tests.Support;

public static class RepoPaths
{
    private static readonly Lazy<string> root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ComplaintCloud.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ComplaintCloud.sln.");
    });

    /// <summary>The repository root: the folder with ComplaintCloud.sln above the test binaries.</summary>
    public static string Root => root.Value;
}
