namespace Planner.Core.Optimization;

/// <summary>The search at one load level: what was simulated, what the bounds pruned, and the cheapest configuration that met the SLO.</summary>
public sealed record LevelResult
{
    public required LoadLevel Level { get; init; }
    /// <summary>The cheapest evaluation that met the SLO (and was not excluded after verification); null when none did.</summary>
    public CandidateEvaluation? Best { get; init; }
    /// <summary>Every simulated candidate, in the order simulated (a stay check may repeat one that stopped early).</summary>
    public required IReadOnlyList<CandidateEvaluation> Evaluations { get; init; }
    /// <summary>Candidates (single-type and mixes) that passed the latency bounds and were ranked by cost bound.</summary>
    public required int Ranked { get; init; }
    /// <summary>Ranked candidates never simulated because their cost bound was no lower than the best simulated cost.</summary>
    public required int PrunedByCostBound { get; init; }
    /// <summary>Simulations added while planning the path: the hardware (or, for a retune, the configuration) the path would leave or move to, at a level where that was not yet known.</summary>
    public int StayChecks { get; init; }
    /// <summary>Configurations that met the SLO at this level but missed it at a mapped month's own volume, or oscillated there (<see cref="OptimizerSettings.AvoidOscillation"/>), and were replaced.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];
}
