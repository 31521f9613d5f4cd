namespace Planner.Cluster.Tests;

/// <summary>Locates the repository and the built `planner` executable from the test binary.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The CLI built in the configuration these tests were built in (bin/Release/net10.0/planner).</summary>
    public static string Planner
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = framework.Parent!.Name;
            return Path.Combine(Root, "src", "Planner.Cli", "bin", configuration, framework.Name, "planner");
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Planner.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Planner.sln not found above " + AppContext.BaseDirectory);
    }
}
