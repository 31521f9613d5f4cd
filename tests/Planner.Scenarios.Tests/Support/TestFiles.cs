using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;

namespace Planner.Scenarios.Tests.Support;

/// <summary>
/// One temporary folder per test run holding the test catalog and small traces, laid out like a
/// scenarios folder: <c>catalog/</c> and <c>traces/</c> side by side.
/// </summary>
internal static class TestFiles
{
    public const string SmallTrace = """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:00:00.0000000,100,10
        2023-11-16 18:00:01.5000000,200,20
        2023-11-16 18:00:02.0000000,300,30
        2023-11-16 18:00:04.0000000,400,40
        """;

    public const string BadTrace = """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:00:00.0000000,100,10
        2023-11-16 18:00:01.0000000,abc,20
        2023-11-16 18:00:02.0000000,300
        """;

    private static readonly Lazy<string> LazyRoot = new(Create);
    private static readonly Lazy<Catalog> LazyCatalog = new(() =>
    {
        CatalogLoadResult result = CatalogLoader.Load(CatalogDirectory);
        return result.Catalog ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    });

    public static string Root => LazyRoot.Value;

    public static string CatalogDirectory => Path.Combine(Root, "catalog");

    public static Catalog Catalog => LazyCatalog.Value;

    /// <summary>A fresh empty folder under the run's root.</summary>
    public static string NewDirectory()
    {
        string directory = Path.Combine(Root, "work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Loads scenario text as if it were <c>test.yaml</c> in the root folder.</summary>
    public static ScenarioLoadResult Load(string yaml) => ScenarioLoader.Load(yaml, "test.yaml", Root, Catalog);

    /// <summary>Walks up from the test binaries to the repository root (the folder holding Planner.sln).</summary>
    public static string RepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Planner.sln")))
            {
                return directory;
            }
        }
        throw new InvalidOperationException("Planner.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Create()
    {
        string root = Path.Combine(Path.GetTempPath(), "planner-scenarios-tests-" + Guid.NewGuid().ToString("N"));
        TestCatalog.WriteTo(Path.Combine(root, "catalog"));
        Directory.CreateDirectory(Path.Combine(root, "traces"));
        File.WriteAllText(Path.Combine(root, "traces", "small.csv"), SmallTrace.Replace("\n", "\r\n"));
        File.WriteAllText(Path.Combine(root, "traces", "bad.csv"), BadTrace + "\n");
        File.WriteAllText(Path.Combine(root, "traces", "empty.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        };
        return root;
    }
}
