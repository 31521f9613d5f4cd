namespace Planner.Cli.Tests;

/// <summary>Locates the repository from the test binary, so tests run the real bundled files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

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
