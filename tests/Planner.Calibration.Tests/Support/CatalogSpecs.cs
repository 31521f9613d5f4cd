using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;

namespace Planner.Calibration.Tests.Support;

/// <summary>The repository's catalog (<c>scenarios/catalog</c>) as engine specs.</summary>
public static class CatalogSpecs
{
    private static readonly Lazy<Catalog> Loaded = new(() =>
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(Repository.Root, "scenarios", "catalog"));
        return result.Catalog ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    });

    public static Catalog Catalog => Loaded.Value;

    public static IReadOnlyDictionary<string, ModelArchitectureSpec> Models =>
        Catalog.Models.ToDictionary(m => m.Key, m => m.Value.ToSpec(), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, GpuSpec> Gpus =>
        Catalog.Gpus.ToDictionary(g => g.Key, g => g.Value.ToSpec(), StringComparer.Ordinal);
}
