namespace Planner.Scenarios.Catalogs;

/// <summary>Decides which catalog directory a scenario uses when the user does not say.</summary>
public static class CatalogLocator
{
    /// <summary>
    /// The catalog directory for a scenario: <paramref name="explicitDirectory"/> when given;
    /// otherwise the nearest <c>catalog/</c> folder beside the scenario file or in one of its
    /// ancestors; otherwise <c>scenarios/catalog</c> under one of its ancestors; otherwise the
    /// <c>catalog/</c> folder shipped next to the program; otherwise null.
    /// A folder counts only when it holds at least one catalog file.
    /// </summary>
    /// <param name="scenarioPath">Path of the scenario file (it need not exist).</param>
    /// <param name="explicitDirectory">A directory the user named, returned unchanged.</param>
    public static string? Find(string scenarioPath, string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return explicitDirectory;
        }

        string? start = Path.GetDirectoryName(Path.GetFullPath(scenarioPath));
        foreach (string relative in new[] { "catalog", Path.Combine("scenarios", "catalog") })
        {
            for (string? directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                string candidate = Path.Combine(directory, relative);
                if (IsCatalogDirectory(candidate))
                {
                    return candidate;
                }
            }
        }

        string shipped = Path.Combine(AppContext.BaseDirectory, "catalog");
        return IsCatalogDirectory(shipped) ? shipped : null;
    }

    private static bool IsCatalogDirectory(string directory) =>
        Directory.Exists(directory)
        && CatalogLoader.FileNames.Any(name => File.Exists(Path.Combine(directory, name)));
}
