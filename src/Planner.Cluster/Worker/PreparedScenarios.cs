using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Planner.Cluster.Messages;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;

namespace Planner.Cluster.Worker;

/// <summary>
/// A worker's scenarios, loaded and planned once per (text, folders, seed) and shared by every
/// unit of that run; the few most recent are kept.
/// </summary>
internal sealed class PreparedScenarios
{
    private const int Kept = 4;

    private readonly ConcurrentDictionary<string, Lazy<(WindowWork? Work, string? Problem)>> _prepared = new(StringComparer.Ordinal);

    /// <summary>The run's work, or why this worker cannot load the scenario.</summary>
    public (WindowWork? Work, string? Problem) Get(WindowRequest request)
    {
        string key = Key(request);
        if (!_prepared.ContainsKey(key) && _prepared.Count >= Kept)
        {
            _prepared.Clear();
        }
        return _prepared.GetOrAdd(key, _ => new Lazy<(WindowWork?, string?)>(() => Prepare(request))).Value;
    }

    private static (WindowWork?, string?) Prepare(WindowRequest request)
    {
        CatalogLoadResult catalog = CatalogLoader.Load(request.CatalogDirectory);
        if (catalog.Catalog is null || catalog.Diagnostics.Any(d => d.IsError))
        {
            return (null, $"worker cannot load the catalog {request.CatalogDirectory}: " + string.Join("; ", catalog.Diagnostics.Where(d => d.IsError).Take(3)));
        }
        ScenarioLoadResult loaded = ScenarioLoader.Load(request.ScenarioText, request.ScenarioPath, request.BaseDirectory, catalog.Catalog);
        if (loaded.Scenario is null || loaded.HasErrors)
        {
            return (null, $"worker cannot load the scenario {request.ScenarioPath}: " + string.Join("; ", loaded.Diagnostics.Where(d => d.IsError).Take(3)));
        }
        return (WindowWork.Prepare(loaded.Scenario with { Seed = request.Seed }, PerformanceProfiles.For), null);
    }

    private static string Key(WindowRequest r)
    {
        string whole = string.Join('\n', r.ScenarioText, r.ScenarioPath, r.BaseDirectory, r.CatalogDirectory, r.Seed.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole)));
    }
}
