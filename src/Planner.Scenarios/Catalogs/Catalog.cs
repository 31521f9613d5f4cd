using System.Collections.ObjectModel;

namespace Planner.Scenarios.Catalogs;

/// <summary>
/// Reference data scenarios point into by id: GPUs, GPU rental prices, API token prices and
/// model architectures. Immutable; each dictionary enumerates in file order.
/// </summary>
public sealed class Catalog
{
    /// <summary>Builds a catalog; ids must be unique within each kind (later duplicates are ignored).</summary>
    public Catalog(
        IEnumerable<GpuCatalogEntry> gpus,
        IEnumerable<GpuPriceCatalogEntry> gpuPrices,
        IEnumerable<ApiModelCatalogEntry> apiModels,
        IEnumerable<ModelCatalogEntry> models)
    {
        Gpus = ById(gpus, g => g.Id);
        GpuPrices = ById(gpuPrices, p => p.Id);
        ApiModels = ById(apiModels, a => a.Id);
        Models = ById(models, m => m.Id);
    }

    /// <summary>A catalog with no entries: scenarios must then describe everything inline.</summary>
    public static Catalog Empty { get; } = new([], [], [], []);

    /// <summary>GPUs by id (<c>gpus.yaml</c>).</summary>
    public IReadOnlyDictionary<string, GpuCatalogEntry> Gpus { get; }

    /// <summary>GPU rental prices by id (<c>gpu_prices.yaml</c>).</summary>
    public IReadOnlyDictionary<string, GpuPriceCatalogEntry> GpuPrices { get; }

    /// <summary>API token prices by id (<c>api_prices.yaml</c>).</summary>
    public IReadOnlyDictionary<string, ApiModelCatalogEntry> ApiModels { get; }

    /// <summary>Model architectures by id (<c>models.yaml</c>).</summary>
    public IReadOnlyDictionary<string, ModelCatalogEntry> Models { get; }

    private static ReadOnlyDictionary<string, T> ById<T>(IEnumerable<T> entries, Func<T, string> id)
    {
        var ordered = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (T entry in entries)
        {
            ordered.TryAdd(id(entry), entry);
        }
        return new ReadOnlyDictionary<string, T>(ordered);
    }
}
