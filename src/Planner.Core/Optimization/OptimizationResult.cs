using Planner.Core.Specs;

namespace Planner.Core.Optimization;

/// <summary>Everything <c>planner optimize</c> found: per load level the cheapest configuration meeting the SLO, Pareto frontiers, and the path through time.</summary>
public sealed record OptimizationResult
{
    public required ScenarioSpec Scenario { get; init; }
    public required SearchSpace Space { get; init; }
    public required OptimizerSettings Settings { get; init; }
    public required IReadOnlyList<LevelResult> Levels { get; init; }
    public required IReadOnlyList<FrontierResult> Frontiers { get; init; }
    public required IReadOnlyList<PathMonth> Path { get; init; }
    /// <summary>Hardware whose roofline latency bound misses the SLO: none of its candidates was simulated.</summary>
    public required IReadOnlyList<PrunedHardware> LatencyPruned { get; init; }
    public required OptimizationStatistics Statistics { get; init; }

    /// <summary>The path as runs of one configuration.</summary>
    public IReadOnlyList<PathSegment> Segments => PathSegment.Of(Path);

    /// <summary>Hardware switches along the path.</summary>
    public int Switches => Path.Count(p => p.Switched);

    /// <summary>Whether every month has a configuration that met the SLO at its own volume, under both sets of draws the verification simulated.</summary>
    public bool PathMeetsSlo => Path.All(p => p.Outcome?.SloMet == true && p.SecondSeed?.SloMet != false);

    /// <summary>Changes of engine or autoscaler settings on the same hardware along the path.</summary>
    public int Retunes => Path.Count(p => p.Retuned);

    /// <summary>GPU, fixed, switch and retune costs over the horizon on the path.</summary>
    public double PathTotalUsd => Path.Sum(p => p.TotalUsd);

    /// <summary>GPU and fixed costs over the horizon of the scenario's option as configured.</summary>
    public double ReferenceTotalUsd => Path.Sum(p => p.Reference.GpuUsd + p.FixedUsd);
}
