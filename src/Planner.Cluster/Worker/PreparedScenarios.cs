using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Planner.Cluster.Messages;
using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;

namespace Planner.Cluster.Worker;

/// <summary>
/// A worker's scenarios, loaded once per (text, folders) and planned once per seed and Monte
/// Carlo sample, shared by every unit of that run or sample; the most recent are kept.
/// </summary>
internal sealed class PreparedScenarios
{
    /// <summary>Scenario files kept loaded.</summary>
    private const int KeptScenarios = 4;

    /// <summary>Planned runs kept: an exact Monte Carlo has several samples in flight on a worker at once.</summary>
    private const int KeptWork = 64;

    private readonly ConcurrentDictionary<string, Lazy<(ScenarioLoadResult? Loaded, string? Problem)>> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<(WindowWork? Work, string? Problem)>> _prepared = new(StringComparer.Ordinal);

    /// <summary>The run's (or the sample's) work, or why this worker cannot plan it.</summary>
    public (WindowWork? Work, string? Problem) Get(WindowRequest request)
    {
        string key = WorkKey(request);
        if (!_prepared.ContainsKey(key) && _prepared.Count >= KeptWork)
        {
            _prepared.Clear();
        }
        return _prepared.GetOrAdd(key, _ => new Lazy<(WindowWork?, string?)>(() => Prepare(request))).Value;
    }

    private (WindowWork?, string?) Prepare(WindowRequest request)
    {
        string key = ScenarioKey(request);
        if (!_loaded.ContainsKey(key) && _loaded.Count >= KeptScenarios)
        {
            _loaded.Clear();
        }
        (ScenarioLoadResult? loaded, string? problem) = _loaded.GetOrAdd(key, _ => new Lazy<(ScenarioLoadResult?, string?)>(() => Load(request))).Value;
        if (loaded?.Scenario is not ScenarioSpec scenario)
        {
            return (null, problem);
        }
        if (request.SampleValues is double[] values)
        {
            if (loaded.Variants is not IScenarioVariantFactory variants || values.Length != scenario.Uncertainty.Inputs.Count)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"worker plans the scenario {request.ScenarioPath} with {scenario.Uncertainty.Inputs.Count} uncertain inputs, the client sent a sample of {values.Length}: are the scenario's files the same on every machine?"));
            }
            scenario = variants.Create(values);
        }
        WindowWork work = WindowWork.Prepare(scenario with { Seed = request.Seed }, PerformanceProfiles.For);
        if (request.FollowUpMonths is int[] months)
        {
            if (request.FollowUpOptions is not int[] options || options.Length != months.Length
                || months.Any(m => m < 0 || m >= scenario.HorizonMonths) || options.Any(o => o < 0 || o >= scenario.Options.Count))
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"worker cannot follow up the noise of {request.ScenarioPath}: the client's months and options do not fit its {scenario.HorizonMonths} months of {scenario.Options.Count} options"));
            }
            work = work.ForFollowUp(new NoiseFollowUp(months, options));
        }
        return (work, null);
    }

    private static (ScenarioLoadResult?, string?) Load(WindowRequest request)
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
        return (loaded, null);
    }

    private static string ScenarioKey(WindowRequest r) => Hash(string.Join('\n', r.ScenarioText, r.ScenarioPath, r.BaseDirectory, r.CatalogDirectory));

    /// <summary>The scenario, the seed, the sample's values to the bit and the noise follow-up, if any.</summary>
    private static string WorkKey(WindowRequest r)
    {
        string values = r.SampleValues is null ? "-" : string.Join(',', r.SampleValues.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture)));
        string followUp = r.FollowUpMonths is null ? "-" : string.Join(',', r.FollowUpMonths) + "/" + string.Join(',', r.FollowUpOptions ?? []);
        return Hash(string.Join('\n', ScenarioKey(r), r.Seed.ToString(CultureInfo.InvariantCulture), values, followUp));
    }

    private static string Hash(string whole) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole)));
}
