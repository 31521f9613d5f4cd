using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// How a self-hosted option sizes its fleet: a fixed number of replicas, or an autoscaler's bounds
/// and target per ready replica (<c>concurrency</c>: requests in flight; <c>request_rate</c>:
/// requests/s; <c>queue_wait</c>: seconds; <c>kv_utilization</c>: share of the KV cache), and the
/// most sequences one replica batches.
/// </summary>
/// <param name="Replicas">The fixed fleet's replicas; null when autoscaled.</param>
/// <param name="MinReplicas">The autoscaler's minimum; null for a fixed fleet.</param>
/// <param name="MaxReplicas">The autoscaler's maximum; null for a fixed fleet.</param>
/// <param name="AutoscalerMetric">What the autoscaler tracks; null for a fixed fleet.</param>
/// <param name="AutoscalerTarget">Its target per ready replica; null for a fixed fleet.</param>
/// <param name="MaxConcurrentSequences">The serving engine's cap on sequences batched at once per replica.</param>
public sealed record FleetSection(int? Replicas, int? MinReplicas, int? MaxReplicas, string? AutoscalerMetric, double? AutoscalerTarget, int MaxConcurrentSequences)
{
    /// <summary>The minimum replicas for each hour of the day (24), where the autoscaler has a schedule; the floor is the larger of it and <see cref="MinReplicas"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? ScheduledMinReplicas { get; init; }

    /// <summary>
    /// How the router picks a replica for each request, as the scenario names it:
    /// <c>least_outstanding</c> (the default), <c>round_robin</c> or <c>kv_aware</c>; null in
    /// summaries written before it was recorded, which all used the default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Router { get; init; }

    /// <summary>
    /// Spot capacity above an on-demand base, where the fleet has it (a scenario's <c>spot:</c>
    /// section): the simulation interrupts those instances. Absent otherwise, and in summaries
    /// written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpotSection? Spot { get; init; }

    /// <summary>The default router's name, <see cref="Router"/>'s value where a scenario names none.</summary>
    public const string DefaultRouter = "least_outstanding";

    /// <summary>
    /// The fewest replicas the fleet may hold over a day, on average over its hours: each hour's
    /// minimum (the larger of <see cref="MinReplicas"/> and the schedule's), rounded up to whole
    /// instances of <paramref name="replicasPerInstance"/> replicas as the autoscaler steps, and no
    /// more than <see cref="MaxReplicas"/>.
    /// </summary>
    public double MeanFloor(int replicasPerInstance = 1)
    {
        if (Replicas is int fixedReplicas)
        {
            return fixedReplicas;
        }
        int unit = Math.Max(1, replicasPerInstance);
        double Whole(int minimum) => Math.Min(Math.Ceiling(minimum / (double)unit) * unit, Math.Max(MaxReplicas ?? int.MaxValue, minimum));
        int min = MinReplicas ?? 0;
        return ScheduledMinReplicas is { Count: 24 } schedule ? schedule.Average(h => Whole(Math.Max(h, min))) : Whole(min);
    }
}

/// <summary>
/// A fleet's spot capacity: the replicas kept on demand, the spot price per GPU-hour, the mean
/// interruptions per spot instance-hour (Poisson) and the notice each gives.
/// </summary>
public sealed record SpotSection(int OnDemandBaseReplicas, double PricePerGpuHourUsd, double InterruptionsPerHour, double NoticeSeconds)
{
    /// <summary>
    /// The replicas actually kept on demand: <see cref="OnDemandBaseReplicas"/> rounded up to
    /// whole instances, as they are rented (2 on an instance of 8 keep 8); null in summaries
    /// written before 2026-12-07.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OnDemandReplicas { get; init; }
}
