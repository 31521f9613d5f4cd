namespace Planner.Reports.Tests;

/// <summary>
/// Compares output with the files in Golden/. Set PLANNER_UPDATE_GOLDEN=1 to rewrite them after an
/// intended change, then review the diff before committing.
/// </summary>
internal static class GoldenFiles
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "tests", "Planner.Reports.Tests", "Golden");

    private static bool Update => Environment.GetEnvironmentVariable("PLANNER_UPDATE_GOLDEN") == "1";

    /// <summary>Null when <paramref name="actual"/> matches Golden/<paramref name="name"/>, else what differs.</summary>
    public static string? Compare(string name, string actual)
    {
        string path = Path.Combine(Folder, name);
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return null;
        }
        if (!File.Exists(path))
        {
            return $"{name}: no golden file (run with PLANNER_UPDATE_GOLDEN=1 to create it)";
        }
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return null;
        }
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"{name}:{i + 1}: expected\n  {el}\nbut got\n  {al}";
            }
        }
        return $"{name}: differs";
    }

    /// <summary>
    /// One line per PNG, "sha256  name", so that the images are held to the same bytes as the SVGs
    /// without keeping binary files in Golden/.
    /// </summary>
    public static string PngDigests(IEnumerable<(string Name, byte[] Png)> images) =>
        string.Concat(images.Select(i => $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(i.Png))}  {i.Name}\n"));

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
