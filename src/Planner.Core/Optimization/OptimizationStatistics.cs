namespace Planner.Core.Optimization;

/// <summary>How much of the search space the bounds pruned and how much was simulated.</summary>
public sealed record OptimizationStatistics
{
    /// <summary>Single-type candidates in the search space.</summary>
    public required int Candidates { get; init; }
    /// <summary>Distinct hardware (GPU type × GPUs per replica × precision) among them.</summary>
    public required int HardwareConfigurations { get; init; }
    /// <summary>Candidates dropped before any simulation because their roofline latency bound misses the SLO.</summary>
    public required int PrunedByLatencyBound { get; init; }
    public required int Levels { get; init; }
    /// <summary>Single-type candidates × levels: what an exhaustive search would simulate.</summary>
    public required int CandidateLevels { get; init; }
    /// <summary>Candidate × level simulations the search ran (mixes included).</summary>
    public required int Evaluations { get; init; }
    public required int MixEvaluations { get; init; }
    /// <summary>Simulations stopped after the first window (SLO certainly missed, or cost already above the best).</summary>
    public required int StoppedEarly { get; init; }
    /// <summary>Simulations searching the hardware the path would leave, at the levels after the switch.</summary>
    public required int StayChecks { get; init; }
    /// <summary>Configurations replaced because they missed the SLO at a month's own volume though they met it at the month's level, or oscillated there (<see cref="OptimizerSettings.AvoidOscillation"/>).</summary>
    public int ExcludedAfterVerification { get; init; }
    /// <summary>Of <see cref="ExcludedAfterVerification"/>, those that met the SLO at the month's own volume but oscillated there.</summary>
    public int ReplacedForOscillation { get; init; }
    /// <summary>Ranked candidate × level pairs skipped by the cost bound.</summary>
    public required int PrunedByCostBound { get; init; }
    /// <summary>Window simulations run, verification included.</summary>
    public required long Simulations { get; init; }
    public required long SimulatedRequests { get; init; }
    public required long SimulatedEvents { get; init; }
    /// <summary>
    /// Seed-to-seed spread of a month's GPU cost: the <see cref="Optimizer.NoiseQuantile"/> quantile
    /// of the relative differences of the levels' cheapest configurations simulated again, or of the
    /// path's months simulated on a second set of draws, whichever is larger (at least 0.5%), each
    /// over those whose cost moved at all (<see cref="Optimizer.CostNoiseQuantile"/>): the smallest
    /// saving a change of configuration may rest on.
    /// </summary>
    public double NoiseShare { get; init; }
    /// <summary>
    /// Seed-to-seed spread of p95 TTFT over the levels' cheapest configurations simulated again, at
    /// the <see cref="Optimizer.NoiseQuantile"/> quantile as the cost's; null where none was measured.
    /// </summary>
    public double? TtftP95Spread { get; init; }
    /// <summary>The same for p95 TPOT.</summary>
    public double? TpotP95Spread { get; init; }
    /// <summary>The same for p99 end-to-end latency.</summary>
    public double? E2eP99Spread { get; init; }

    /// <summary>What the search's noise is and what it decides, as the console and the reports say it.</summary>
    public static string NoiseSentence(double share) =>
        $"The search's monthly costs move from seed to seed by {Formatting.FigureFormat.Percent(share)}{(share <= Optimizer.MinNoiseShare ? " or less" : "")} at the {(Optimizer.NoiseQuantile * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}th percentile "
        + "(over its load levels, each level's cheapest configuration simulated again on other traffic, or over the path's months, each simulated again on a second set of draws, whichever is larger; "
        + "counting only those whose cost moved at all, as a fleet held at its floor under both measures no noise"
        + (share <= Optimizer.MinNoiseShare ? $"; {Formatting.FigureFormat.Percent(Optimizer.MinNoiseShare)} is the least the search assumes, however little they moved" : "") + "); "
        + "two paths' totals over n months count as equally cheap when closer than that divided by √n (each month is simulated on its own seeds), so no change of configuration rests on a saving the noise could explain.";

    /// <summary>
    /// Where the search sized a hybrid's fleet (its option's part, named "hybrid/self_hosted"), what
    /// its figures leave out; null for a self-hosted option.
    /// </summary>
    public static string? HybridFleetSentence(string referenceOption)
        => HybridOf(referenceOption) is string hybrid
            ? $"The search sizes the fleet of the hybrid {hybrid} alone, with the hybrid's fixed costs: the requests the hybrid would send to its API, and their tokens, are in neither total (`planner run` prices the hybrid whole)."
            : null;

    /// <summary>
    /// Whose settings and costs the search takes: "the engine settings and fixed costs of X", or for
    /// a hybrid's fleet "the engine settings of X/self_hosted and the fixed costs of X".
    /// </summary>
    public static string SettingsAndCostsOf(string baseOption)
    {
        ArgumentNullException.ThrowIfNull(baseOption);
        return HybridOf(baseOption) is string hybrid
            ? $"the engine settings of {baseOption} and the fixed costs of {hybrid}"
            : $"the engine settings and fixed costs of {baseOption}";
    }

    /// <summary>The hybrid whose fleet <paramref name="baseOption"/> is ("hybrid/self_hosted"; option names hold no '/'), or null.</summary>
    private static string? HybridOf(string baseOption)
    {
        ArgumentNullException.ThrowIfNull(baseOption);
        int slash = baseOption.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? baseOption[..slash] : null;
    }
}
