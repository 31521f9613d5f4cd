using Planner.Core.Specs;

namespace Planner.Core.Optimization;

/// <summary>
/// What the performance profile alone says about one self-hosted configuration, before any
/// simulation: latencies no request can beat (each request alone on a replica, no queue) and
/// the most requests per second one replica could serve at full batch. Both are optimistic, so
/// a configuration whose bound already misses the SLO, or whose bound on cost exceeds a
/// simulated configuration's cost, cannot be the cheapest one that meets the SLO.
/// </summary>
public sealed record CandidateBound
{
    /// <summary>95th percentile of the prefill time alone (batch 1), ms.</summary>
    public required double TtftP95Ms { get; init; }

    /// <summary>95th percentile of the batch-1 decode step time, ms.</summary>
    public required double TpotP95Ms { get; init; }

    /// <summary>99th percentile of prefill plus batch-1 decoding, ms.</summary>
    public required double E2eP99Ms { get; init; }

    /// <summary>Mean time a request would spend on a replica with nothing else running, seconds.</summary>
    public required double MeanE2eSeconds { get; init; }

    /// <summary>Replica-seconds of work per request at full batch (the reciprocal of a replica's peak request rate).</summary>
    public required double ReplicaSecondsPerRequest { get; init; }

    /// <summary>
    /// Replica-seconds of work per request at the batch the autoscaler's concurrency target keeps
    /// (prefill and decode sharing steps in the proportion requests need them); the full-batch
    /// figure for other metrics.
    /// </summary>
    public required double ReplicaSecondsPerRequestAtTarget { get; init; }

    /// <summary>Sequences a replica can batch: the engine's limit or what its KV cache holds at the mean context.</summary>
    public required int MaxBatch { get; init; }

    /// <summary>Most requests per second one replica could serve.</summary>
    public double MaxRequestsPerSecond => 1 / ReplicaSecondsPerRequest;

    /// <summary>
    /// Whether the bound leaves room to meet <paramref name="slo"/>; a bound counts as a miss
    /// only when it exceeds a target by more than <paramref name="slack"/> (a fraction), since
    /// the bound comes from a sample of requests and the simulation measures with 1% buckets.
    /// </summary>
    public bool CanMeet(SloSpec slo, double slack)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return Fits(TtftP95Ms, slo.TtftP95Ms, slack) && Fits(TpotP95Ms, slo.TpotP95Ms, slack) && Fits(E2eP99Ms, slo.E2eP99Ms, slack);
    }

    /// <summary>The first SLO target the bound misses, for reports; null when none.</summary>
    public string? Miss(SloSpec slo, double slack)
    {
        ArgumentNullException.ThrowIfNull(slo);
        if (!Fits(TtftP95Ms, slo.TtftP95Ms, slack))
        {
            return "TTFT p95";
        }
        if (!Fits(TpotP95Ms, slo.TpotP95Ms, slack))
        {
            return "TPOT p95";
        }
        return Fits(E2eP99Ms, slo.E2eP99Ms, slack) ? null : "end-to-end p99";
    }

    private static bool Fits(double bound, double? target, double slack) => target is not double t || bound <= t * (1 + slack);
}
