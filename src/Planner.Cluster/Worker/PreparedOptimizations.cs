using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Planner.Cluster.Messages;
using Planner.Core.Optimization;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Optimization;

namespace Planner.Cluster.Worker;

/// <summary>
/// A worker's configuration searches: the scenario loaded, the candidates built from the request's
/// search options with the same catalog, and the search prepared (<see cref="OptimizationWork"/>),
/// once per search and shared by every batch of it; the most recent are kept.
/// </summary>
internal sealed class PreparedOptimizations
{
    private const int Kept = 4;

    private readonly ConcurrentDictionary<string, Lazy<(OptimizationWork? Work, string? Problem)>> _prepared = new(StringComparer.Ordinal);

    public (OptimizationWork? Work, string? Problem) Get(OptimizationRequest request)
    {
        string key = Key(request);
        if (!_prepared.ContainsKey(key) && _prepared.Count >= Kept)
        {
            _prepared.Clear();
        }
        return _prepared.GetOrAdd(key, _ => new Lazy<(OptimizationWork?, string?)>(() => Prepare(request))).Value;
    }

    private static (OptimizationWork?, string?) Prepare(OptimizationRequest request)
    {
        CatalogLoadResult catalog = CatalogLoader.Load(request.CatalogDirectory);
        if (catalog.Catalog is null || catalog.Diagnostics.Any(d => d.IsError))
        {
            return (null, $"worker cannot load the catalog {request.CatalogDirectory}: " + string.Join("; ", catalog.Diagnostics.Where(d => d.IsError).Take(3)));
        }
        ScenarioLoadResult loaded = ScenarioLoader.Load(request.ScenarioText, request.ScenarioPath, request.BaseDirectory, catalog.Catalog);
        if (loaded.Scenario is not ScenarioSpec scenario || loaded.HasErrors)
        {
            return (null, $"worker cannot load the scenario {request.ScenarioPath}: " + string.Join("; ", loaded.Diagnostics.Where(d => d.IsError).Take(3)));
        }
        scenario = scenario with { Seed = request.Seed };
        CandidateSet set = CandidateBuilder.Build(scenario, catalog.Catalog, Candidates(request));
        if (set.Errors.Count > 0 || set.BaseOption is null)
        {
            return (null, $"worker cannot build the search's candidates for {request.ScenarioPath}: " + string.Join("; ", set.Errors.Take(3)));
        }
        var space = new SearchSpace { BaseOption = set.BaseOption, Candidates = set.Candidates };
        var settings = new OptimizerSettings { LevelStep = request.LevelStep, SampleRequests = request.SampleRequests, Prune = false };
        return (OptimizationWork.Prepare(scenario, space, settings, PerformanceProfiles.For), null);
    }

    /// <summary>The search options as the client's command line gave them.</summary>
    internal static CandidateRequest Candidates(OptimizationRequest r) => new()
    {
        OptionName = r.OptionName,
        Gpus = r.Gpus,
        GpusPerReplica = r.GpusPerReplica,
        Precisions = r.Precisions,
        MaxConcurrentSequences = r.MaxConcurrentSequences,
        Targets = r.Targets,
        MinReplicas = r.MinReplicas,
        MaxReplicas = r.MaxReplicas,
        Provider = r.Provider,
    };

    private static string Key(OptimizationRequest r)
    {
        static string Join<T>(IEnumerable<T>? values) => values is null ? "-" : string.Join(',', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        string whole = string.Join('\n', r.ScenarioText, r.ScenarioPath, r.BaseDirectory, r.CatalogDirectory, r.Seed.ToString(CultureInfo.InvariantCulture),
            r.OptionName ?? "-", Join(r.Gpus), Join(r.GpusPerReplica), Join(r.Precisions), Join(r.MaxConcurrentSequences),
            Join(r.Targets.Select(t => BitConverter.DoubleToInt64Bits(t))), Join(r.MinReplicas), r.MaxReplicas.ToString(CultureInfo.InvariantCulture), r.Provider ?? "-",
            BitConverter.DoubleToInt64Bits(r.LevelStep).ToString(CultureInfo.InvariantCulture), r.SampleRequests.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole)));
    }
}
