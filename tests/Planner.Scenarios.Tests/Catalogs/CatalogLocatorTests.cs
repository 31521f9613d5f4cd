using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Catalogs;

public sealed class CatalogLocatorTests
{
    [Fact]
    public void Explicit_directory_wins_even_if_it_does_not_exist()
    {
        Assert.Equal("my/catalog", CatalogLocator.Find("x/s.yaml", "my/catalog"));
    }

    [Fact]
    public void Catalog_beside_the_scenario_is_found()
    {
        string root = TestFiles.NewDirectory();
        TestCatalog.WriteTo(Path.Combine(root, "catalog"));
        Assert.Equal(Path.Combine(root, "catalog"), CatalogLocator.Find(Path.Combine(root, "s.yaml"), null));
    }

    [Fact]
    public void Nearest_catalog_in_an_ancestor_is_found()
    {
        string root = TestFiles.NewDirectory();
        TestCatalog.WriteTo(Path.Combine(root, "catalog"));
        TestCatalog.WriteTo(Path.Combine(root, "a", "catalog"));
        string scenario = Path.Combine(root, "a", "b", "c", "s.yaml");
        Assert.Equal(Path.Combine(root, "a", "catalog"), CatalogLocator.Find(scenario, null));
    }

    [Fact]
    public void Scenarios_catalog_under_an_ancestor_is_found()
    {
        // Outside the test root, whose own catalog/ would be found first.
        string root = Path.Combine(Path.GetTempPath(), "planner-locator-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestCatalog.WriteTo(Path.Combine(root, "scenarios", "catalog"));
            string scenario = Path.Combine(root, "elsewhere", "s.yaml");
            Assert.Equal(Path.Combine(root, "scenarios", "catalog"), CatalogLocator.Find(scenario, null));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Empty_catalog_folders_do_not_count()
    {
        string root = TestFiles.NewDirectory();
        Directory.CreateDirectory(Path.Combine(root, "x", "catalog"));
        TestCatalog.WriteTo(Path.Combine(root, "catalog"));
        Assert.Equal(Path.Combine(root, "catalog"), CatalogLocator.Find(Path.Combine(root, "x", "s.yaml"), null));
    }

    [Fact]
    public void Repository_scenarios_find_the_repository_catalog()
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        Assert.Equal(Path.Combine(scenarios, "catalog"), CatalogLocator.Find(Path.Combine(scenarios, "any.yaml"), null));
    }
}
