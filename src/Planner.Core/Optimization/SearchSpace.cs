using Planner.Core.Specs;

namespace Planner.Core.Optimization;

/// <summary>
/// What the optimizer may choose from: single-type autoscaled configurations (one per GPU type
/// × GPUs per replica × precision × batch limit × autoscaler target × minimum replicas), and
/// whether to try mixes of two GPU types built from each load level's best configurations.
/// </summary>
public sealed record SearchSpace
{
    /// <summary>The scenario option the candidates were derived from (model, engine, fixed costs); simulated as configured for reference.</summary>
    public required SelfHostedOptionSpec BaseOption { get; init; }

    /// <summary>Single-type autoscaled candidates; names are unique and serve as ids.</summary>
    public required IReadOnlyList<SelfHostedOptionSpec> Candidates { get; init; }

    /// <summary>Try a fixed base pool of one GPU type with an autoscaled pool of another.</summary>
    public bool Mixes { get; init; } = true;

    /// <summary>How many of a level's cheapest feasible hardware configurations take part in mixes (as base or as autoscaled pool).</summary>
    public int MixPartners { get; init; } = 3;

    /// <summary>Shares of the peak-hour rate a mix's base pool is sized for.</summary>
    public IReadOnlyList<double> MixBaseShares { get; init; } = [0.25, 0.5, 0.75];
}
