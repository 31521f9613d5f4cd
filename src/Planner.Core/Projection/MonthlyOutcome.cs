using Planner.Core.Costs;

namespace Planner.Core.Projection;

/// <summary>One option in one month: traffic, latency, capacity and cost.</summary>
public sealed record MonthlyOutcome
{
    /// <summary>1-based month of the projection.</summary>
    public required int Month { get; init; }
    public required DateOnly CalendarMonth { get; init; }
    /// <summary>Average requests per day the scenario asks for this month.</summary>
    public required double RequestsPerDay { get; init; }
    public required double Requests { get; init; }
    public required double RequestsServed { get; init; }
    public required double RequestsRejected { get; init; }
    /// <summary>API back-off waits of every cause (the sum of the two below).</summary>
    public required double Backoffs { get; init; }
    /// <summary>Back-offs because an RPM or TPM limit was reached (the API was up).</summary>
    public double RateLimitBackoffs { get; init; }
    /// <summary>Seconds requests spent in rate-limit back-offs, summed over requests.</summary>
    public double RateLimitWaitSeconds { get; init; }
    /// <summary>Back-offs because the API was in an outage, at whatever load.</summary>
    public double OutageBackoffs { get; init; }
    public double OutageWaitSeconds { get; init; }
    /// <summary>Requests rejected after waiting, by the cause of the last refusal.</summary>
    public double RejectedAfterRateLimit { get; init; }
    public double RejectedAfterOutage { get; init; }
    /// <summary>Requests an API refused at once for exceeding its model's context window.</summary>
    public double RejectedOverContext { get; init; }
    /// <summary>Self-hosted admissions after waiting at least a second in the queue to be admitted to a batch (for a sequence slot, KV cache or the prefill of the prompts queued ahead).</summary>
    public double CapacityQueueWaits { get; init; }
    /// <summary>Seconds requests waited in self-hosted queues, summed over requests.</summary>
    public double CapacityQueueWaitSeconds { get; init; }
    /// <summary>Of <see cref="CapacityQueueWaits"/>, the requests that arrived with no replica ready and waited for one to start.</summary>
    public double ReplicaStartWaits { get; init; }
    /// <summary>Seconds those requests waited, summed over them.</summary>
    public double ReplicaStartWaitSeconds { get; init; }
    public required double InputTokens { get; init; }
    public required double CachedInputTokens { get; init; }
    public required double OutputTokens { get; init; }
    public required CostBreakdown Cost { get; init; }
    /// <summary>Latency percentiles in milliseconds; NaN when nothing was measured.</summary>
    public required double TtftP50Ms { get; init; }
    public required double TtftP95Ms { get; init; }
    public required double TpotP95Ms { get; init; }
    /// <summary>Median gap between consecutive output tokens, over every token after a request's first.</summary>
    public double ItlP50Ms { get; init; } = double.NaN;
    public required double E2eP50Ms { get; init; }
    public required double E2eP99Ms { get; init; }
    /// <summary>Share of requests that met every per-request SLO threshold (rejected ones count as misses).</summary>
    public required double SloAttainment { get; init; }
    /// <summary>Whether the month's percentiles meet the SLO targets and under 1% of requests were rejected.</summary>
    public required bool SloMet { get; init; }
    public required double GpuHours { get; init; }
    public required double MeanReplicas { get; init; }
    public required double PeakReplicas { get; init; }
    /// <summary>Instances billed on average and at most (whole instances; 0 for APIs).</summary>
    public double MeanInstances { get; init; }
    public double PeakInstances { get; init; }
    /// <summary>Busy share of ready replica time.</summary>
    public required double Utilization { get; init; }
    public required double ColdStarts { get; init; }
    /// <summary>
    /// Replicas the month's weekday climbed hour by hour in all (<see cref="FleetDiagnostics.NeededScaleUps"/>):
    /// the scale-ups its own load ramp needs, against which its cold starts read as an oscillation or not;
    /// NaN where no weekday was simulated.
    /// </summary>
    public double RampScaleUps { get; init; } = double.NaN;
    /// <summary>Seconds of the month the fleet spent at zero replicas, nothing billed (counted over its representative days, each weighted by the days it stands for).</summary>
    public double SecondsAtZero { get; init; }
    public double Preemptions { get; init; }
    /// <summary>Requests sent back to the router when a spot replica was interrupted.</summary>
    public double RequeuedRequests { get; init; }
    public double SpotInterruptions { get; init; }
    /// <summary>Of <see cref="GpuHours"/>, those billed at the spot price (0 without spot capacity).</summary>
    public double SpotGpuHours { get; init; }
    /// <summary>Requests a hybrid sent to its API.</summary>
    public double OverflowedRequests { get; init; }
    /// <summary>Requests a hybrid drew into its compliance share, which stay on its fleet.</summary>
    public double ComplianceRequests { get; init; }
    /// <summary>Tokens billed at the API's prices (all of an API option's; a hybrid's overflow only): input, its cached share, and output.</summary>
    public double ApiInputTokens { get; init; }
    public double ApiCachedInputTokens { get; init; }
    public double ApiOutputTokens { get; init; }
    /// <summary>Running sequences per engine step (time-weighted), median and p95; NaN for APIs.</summary>
    public double BatchSizeP50 { get; init; } = double.NaN;
    public double BatchSizeP95 { get; init; } = double.NaN;
    /// <summary>KV-cache utilisation of busy replicas (time-weighted, 5% resolution).</summary>
    public double KvUtilizationP50 { get; init; } = double.NaN;
    public double KvUtilizationP95 { get; init; } = double.NaN;
    /// <summary>Share of GPU cost spent on idle replicas, billing round-up, cold starts and stranded GPUs.</summary>
    public double IdleOrColdShareOfGpuCost { get; init; }
    /// <summary>Share of GPU cost spent on GPUs of rented instances that held no replica.</summary>
    public double StrandedShareOfGpuCost { get; init; }

    /// <summary>
    /// The month measured by each replicate day on its own (a second seed): their spread is the
    /// simulation's noise. Empty when the month was not simulated in replicates.
    /// </summary>
    public IReadOnlyList<ReplicateOutcome> Replicates { get; init; } = [];

    /// <summary>
    /// With <see cref="Specs.SimulationSettings.DaysPerMonth"/> d &gt; 1, the month's simulated cost
    /// (GPU or API charges, without fixed costs) as each of replicate 0's d independent days (a
    /// weekday and a weekend day) measured it alone, scaled to the whole month: their spread is the
    /// simulation's noise within the month. Empty when d is 1.
    /// </summary>
    public IReadOnlyList<double> DayCostsUsd { get; init; } = [];

    /// <summary>How the option simulated the month's weekday (whole fleet or slice, real time or compressed).</summary>
    public FidelityPlan Fidelity { get; init; } = FidelityPlan.Full;

    public double CostPerThousandRequestsUsd => RequestsServed > 0 ? Cost.CogsUsd / RequestsServed * 1000 : double.NaN;

    public double CostPerMillionTokensUsd => InputTokens + OutputTokens > 0 ? Cost.CogsUsd / (InputTokens + OutputTokens) * 1e6 : double.NaN;
}
