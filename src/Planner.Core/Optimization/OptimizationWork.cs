using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Optimization;

/// <summary>
/// What a search's <see cref="PoolWindowUnit"/>s need, prepared from the scenario, search space
/// and settings exactly as <see cref="Optimizer"/> prepares them (the same workload sample, the
/// same roofline bounds, the same levels and windows), so that a unit simulated here is the
/// simulation the optimizer would run itself, to the bit. Safe to use from several threads.
/// </summary>
public sealed class OptimizationWork
{
    private readonly ScenarioSpec _scenario;
    private readonly SearchSpace _space;
    private readonly Dictionary<string, (SelfHostedOptionSpec Option, IPerformanceProfile Profile, CandidateBound Bound)> _byName = new(StringComparer.Ordinal);
    private readonly IPerformanceProfile _referenceProfile;
    private readonly FleetEstimate? _referenceEstimate;
    private readonly (ScenarioSpec At, IReadOnlyList<SimulationWindow> Windows)[] _levels;
    private readonly Lazy<IReadOnlyList<SimulationWindow>>[] _months;

    private OptimizationWork(ScenarioSpec scenario, SearchSpace space, OptimizerSettings settings, Func<SelfHostedOptionSpec, IPerformanceProfile> profiles)
    {
        _scenario = scenario;
        _space = space;
        var sample = WorkloadSample.Draw(scenario.Workload, SeedSequence.Derive(scenario.Seed, Optimizer.SeedKey), settings.SampleRequests);
        foreach (SelfHostedOptionSpec option in space.Candidates)
        {
            IPerformanceProfile profile = profiles(option);
            _byName[option.Name] = (option, profile, CandidateBounds.Compute(option, profile, sample));
        }
        _referenceProfile = profiles(space.BaseOption);
        _referenceEstimate = Optimizer.ReferenceEstimate(scenario, space, profiles);
        _levels = [.. LoadLevels.Plan(scenario, settings.LevelStep).Select(l =>
        {
            ScenarioSpec at = Optimizer.LevelScenario(scenario, l);
            return (at, (IReadOnlyList<SimulationWindow>)[.. MonthWindowPlanner.Plan(at, 0).Where(w => w.Replicate == 0)]);
        })];
        _months = [.. Enumerable.Range(0, scenario.HorizonMonths).Select(m =>
            new Lazy<IReadOnlyList<SimulationWindow>>(() => [.. MonthWindowPlanner.Plan(scenario, m).Where(w => w.Replicate == 0)]))];
    }

    /// <summary>Candidates in the search space.</summary>
    public int Candidates => _space.Candidates.Count;

    /// <summary>Load levels the search plans.</summary>
    public int Levels => _levels.Length;

    public static OptimizationWork Prepare(ScenarioSpec scenario, SearchSpace space, OptimizerSettings settings, Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(settings);
        return new OptimizationWork(scenario, space, settings, profiles ?? PerformanceProfiles.For);
    }

    /// <summary>Why this process cannot simulate the unit (an unknown candidate, level or window), else null.</summary>
    public string? Problem(PoolWindowUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!unit.Reference && !_byName.ContainsKey(unit.Pool))
        {
            return $"no candidate named '{unit.Pool}' in the search space ({_space.Candidates.Count} candidates)";
        }
        if (unit.Level >= _levels.Length || (unit.Level < 0 && (unit.MonthIndex < 0 || unit.MonthIndex >= _months.Length)))
        {
            return $"no load level {unit.Level} / month {unit.MonthIndex + 1} ({_levels.Length} levels, {_months.Length} months)";
        }
        int windows = unit.Level >= 0 ? _levels[unit.Level].Windows.Count : _months[unit.MonthIndex].Value.Count;
        return unit.WindowPosition < 0 || unit.WindowPosition >= windows ? $"no window {unit.WindowPosition} (of {windows})" : null;
    }

    /// <summary>Simulates one unit, as <see cref="Optimizer"/> simulates a pool's window.</summary>
    public PoolWindowOutcome Simulate(PoolWindowUnit unit)
    {
        if (Problem(unit) is string problem)
        {
            throw new ArgumentException(problem, nameof(unit));
        }
        (ScenarioSpec at, IReadOnlyList<SimulationWindow> windows) = unit.Level >= 0 ? _levels[unit.Level] : (_scenario, _months[unit.MonthIndex].Value);
        SelfHostedOptionSpec pool;
        IPerformanceProfile profile;
        if (unit.Reference)
        {
            pool = _space.BaseOption;
            profile = _referenceProfile;
        }
        else
        {
            (SelfHostedOptionSpec option, IPerformanceProfile p, _) = _byName[unit.Pool];
            pool = unit.FixedReplicas > 0 ? option with { FixedReplicas = unit.FixedReplicas, Autoscaler = null } : option;
            profile = p;
        }
        SimulationWindow w = windows[unit.WindowPosition];
        double cap = unit.CapRequestsPerSecond;
        w = unit.Share switch
        {
            1 => Optimizer.RescaleWindow(w, r => Math.Min(r, cap)),
            2 => Optimizer.RescaleWindow(w, r => Math.Max(0, r - cap)),
            _ => w,
        };
        FleetEstimate? estimate = unit.Reference ? _referenceEstimate
            : _byName.TryGetValue(pool.Name, out var prepared) ? FleetEstimate.From(pool, prepared.Bound) : null;
        (SimulationWindow day, OptionSpec simulated) = FidelityPlanner.Apply(w, pool, FidelityPlanner.Plan(at, _space.BaseOption, w, unit.Reference ? estimate : null), estimate);
        var sim = Projector.CreateSimulator(at, simulated, profile);
        WindowMetrics m = sim.Run(day, unit.TrafficSeed, unit.ServiceSeed);
        return new PoolWindowOutcome(m, sim.EventsProcessed, sim.RequestsSimulated);
    }
}
