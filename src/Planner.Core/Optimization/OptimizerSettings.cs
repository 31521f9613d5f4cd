namespace Planner.Core.Optimization;

/// <summary>How the optimizer searches and how it plans the path through time.</summary>
public sealed record OptimizerSettings
{
    /// <summary>Ratio that groups months into load levels; each level is simulated at the largest volume of its months.</summary>
    public double LevelStep { get; init; } = 1.35;

    /// <summary>
    /// One-time cost of moving to different hardware (another GPU type, GPUs per replica or
    /// precision): the path switches only when the saving over the months that follow pays it.
    /// </summary>
    public double SwitchCostUsd { get; init; } = 5000;

    /// <summary>One-time cost of changing engine or autoscaler settings on the same hardware (a load test of the new settings).</summary>
    public double RetuneCostUsd { get; init; } = 250;

    /// <summary>1-based months whose Pareto frontier of cost against p95 TTFT is mapped; empty means the first, middle and last month.</summary>
    public IReadOnlyList<int> FrontierMonths { get; init; } = [];

    /// <summary>Frontier months also simulate configurations whose cost bound is at most this multiple of the cheapest feasible cost.</summary>
    public double FrontierCostFactor { get; init; } = 2.5;

    /// <summary>At most this many extra simulations per frontier month.</summary>
    public int FrontierMaxEvaluations { get; init; } = 12;

    /// <summary>
    /// Where the path switches hardware, besides the configuration it leaves (or moves to), at
    /// most this many more configurations on that hardware are simulated at each level concerned.
    /// </summary>
    public int StayEvaluations { get; init; } = 1;

    /// <summary>A latency bound prunes a candidate only when it exceeds the SLO target by more than this fraction.</summary>
    public double BoundSlack { get; init; } = 0.05;

    /// <summary>False simulates every candidate at every level (exhaustive search, for checking the pruning).</summary>
    public bool Prune { get; init; } = true;

    /// <summary>
    /// Whether the verification replaces a configuration that oscillates at a month's own volume
    /// under either set of draws (<see cref="PathOscillation.Oscillates(ConfigurationOutcome, int, ConfigurationOutcome?)"/>,
    /// the test <c>planner run</c> warns with), as it replaces one that misses the SLO under either:
    /// a path should not recommend a fleet that <c>planner run</c> could then warn about. False keeps the cheapest whatever its
    /// cold starts (<c>--allow-oscillation</c>); the path then names the months where it oscillates.
    /// Repairs run in a pruned search only (<see cref="Prune"/>): an exhaustive one keeps its path.
    /// </summary>
    public bool AvoidOscillation { get; init; } = true;

    /// <summary>Requests drawn from the workload to compute the roofline bounds.</summary>
    public int SampleRequests { get; init; } = 4000;

    /// <summary>Worker threads; null uses every core.</summary>
    public int? MaxParallelism { get; init; }
}
