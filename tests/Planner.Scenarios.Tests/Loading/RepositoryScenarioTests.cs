using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Every scenario shipped in <c>scenarios/</c> loads against the shipped catalog without errors.</summary>
public sealed class RepositoryScenarioTests
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(TestFiles.RepositoryRoot(), "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Shipped_scenario_loads_without_errors(string fileName)
    {
        string path = Path.Combine(TestFiles.RepositoryRoot(), "scenarios", fileName);
        string catalogDirectory = CatalogLocator.Find(path, null)!;
        CatalogLoadResult catalog = CatalogLoader.Load(catalogDirectory);
        Assert.False(catalog.HasErrors, string.Join("\n", catalog.Diagnostics));

        ScenarioLoadResult result = ScenarioLoader.Load(path, catalog.Catalog!);

        DiagnosticAssert.Clean(result);
    }
}
