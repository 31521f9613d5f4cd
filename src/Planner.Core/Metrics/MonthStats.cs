namespace Planner.Core.Metrics;

/// <summary>
/// The numbers a month's costs and service levels are computed from: weighted totals, latency
/// percentiles and billed GPU time above each possible reserved commitment. They come either from
/// simulated windows (<see cref="From"/>) or from a response surface that interpolates
/// simulations (Monte Carlo and sensitivity), so both go through the same cost model.
/// </summary>
public sealed class MonthStats
{
    /// <summary>Reserved commitments are tabulated up to this many GPUs (beyond, the excess is taken as 0).</summary>
    public const int MaxCommittedGpus = 1024;

    /// <summary>Number of entries of <see cref="Values"/>.</summary>
    public static readonly int Count = Enum.GetValues<Stat>().Length;

    /// <summary>Indexed by <see cref="Stat"/>.</summary>
    public double[] Values { get; } = new double[Count];

    /// <summary>Weighted billed GPU-seconds above c committed GPUs, for c = 0..<see cref="MaxCommittedGpus"/> (from each segment's mean).</summary>
    public double[] GpuSecondsAboveCommitted { get; } = new double[MaxCommittedGpus + 1];

    public double this[Stat stat]
    {
        get => Values[(int)stat];
        set => Values[(int)stat] = value;
    }

    /// <summary>Billed GPU-seconds above <paramref name="gpus"/> committed GPUs (linear between whole counts).</summary>
    public double GpuSecondsAbove(double gpus)
    {
        if (gpus <= 0)
        {
            return GpuSecondsAboveCommitted[0];
        }
        if (gpus >= MaxCommittedGpus)
        {
            return 0;
        }
        int low = (int)Math.Floor(gpus);
        double t = gpus - low;
        return (1 - t) * GpuSecondsAboveCommitted[low] + t * GpuSecondsAboveCommitted[low + 1];
    }

    /// <summary>Totals and percentiles of merged window metrics.</summary>
    public static MonthStats From(WindowMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var s = new MonthStats();
        s[Stat.RequestsArrived] = m.RequestsArrived;
        s[Stat.RequestsServed] = m.RequestsServed;
        s[Stat.RequestsRejected] = m.RequestsRejected;
        s[Stat.RequestsWithinSlo] = m.RequestsWithinSlo;
        s[Stat.Backoffs] = m.Backoffs;
        s[Stat.RateLimitBackoffs] = m.RateLimitBackoffs;
        s[Stat.RateLimitWaitSeconds] = m.RateLimitWaitSeconds;
        s[Stat.OutageBackoffs] = m.OutageBackoffs;
        s[Stat.OutageWaitSeconds] = m.OutageWaitSeconds;
        s[Stat.RejectedAfterRateLimit] = m.RejectedAfterRateLimit;
        s[Stat.RejectedAfterOutage] = m.RejectedAfterOutage;
        s[Stat.RejectedOverContext] = m.RejectedOverContext;
        s[Stat.CapacityQueueWaits] = m.CapacityQueueWaits;
        s[Stat.CapacityQueueWaitSeconds] = m.CapacityQueueWaitSeconds;
        s[Stat.InputTokens] = m.InputTokens;
        s[Stat.CachedInputTokens] = m.CachedInputTokens;
        s[Stat.OutputTokens] = m.OutputTokens;
        s[Stat.ApiInputTokens] = m.ApiInputTokens;
        s[Stat.ApiCachedInputTokens] = m.ApiCachedInputTokens;
        s[Stat.ApiOutputTokens] = m.ApiOutputTokens;
        s[Stat.BatchRequests] = m.BatchRequests;
        s[Stat.BatchInputTokens] = m.BatchInputTokens;
        s[Stat.BatchCachedInputTokens] = m.BatchCachedInputTokens;
        s[Stat.BatchOutputTokens] = m.BatchOutputTokens;
        s[Stat.OverflowedRequests] = m.OverflowedRequests;
        s[Stat.ComplianceRequests] = m.ComplianceRequests;
        s[Stat.RequeuedRequests] = m.RequeuedRequests;
        s[Stat.Preemptions] = m.Preemptions;
        s[Stat.SpotInterruptions] = m.SpotInterruptions;
        s[Stat.SpotGpuSecondsBilled] = m.SpotGpuSecondsBilled;
        s[Stat.SpotGpuSecondsColdStart] = m.SpotGpuSecondsColdStart;
        s[Stat.CoveredSeconds] = m.CoveredSeconds;
        s[Stat.GpuSecondsColdStart] = m.GpuSecondsColdStart;
        s[Stat.GpuSecondsBusy] = m.GpuSecondsBusy;
        s[Stat.GpuSecondsIdle] = m.GpuSecondsIdle;
        s[Stat.GpuSecondsStranded] = m.GpuSecondsStranded;
        s[Stat.GpuSecondsRounding] = m.GpuSecondsRounding;
        s[Stat.ReplicaSeconds] = m.ReplicaSeconds;
        s[Stat.InstanceSeconds] = m.InstanceSeconds;
        s[Stat.FleetAtZeroSeconds] = m.FleetAtZeroSeconds;
        s[Stat.ReplicaStartWaits] = m.ReplicaStartWaits;
        s[Stat.ReplicaStartWaitSeconds] = m.ReplicaStartWaitSeconds;
        s[Stat.ColdStarts] = m.ColdStarts;
        s[Stat.ChurnColdStartGpuSeconds] = m.ChurnColdStartGpuSeconds;
        s[Stat.PeakReplicas] = m.PeakReplicas;
        s[Stat.PeakInstances] = m.PeakInstances;
        s[Stat.TtftP50Seconds] = m.TimeToFirstToken.Quantile(0.5);
        s[Stat.TtftP95Seconds] = m.TimeToFirstToken.Quantile(0.95);
        s[Stat.TpotP95Seconds] = m.TimePerOutputToken.Quantile(0.95);
        s[Stat.ItlP50Seconds] = m.InterTokenLatency.Quantile(0.5);
        s[Stat.E2eP50Seconds] = m.EndToEnd.Quantile(0.5);
        s[Stat.E2eP99Seconds] = m.EndToEnd.Quantile(0.99);
        s[Stat.BatchSizeP50] = BucketQuantile(m.BatchSizeSeconds, 0.5, 1);
        s[Stat.BatchSizeP95] = BucketQuantile(m.BatchSizeSeconds, 0.95, 1);
        s[Stat.KvUtilizationP50] = BucketQuantile(m.KvUtilizationSeconds, 0.5, WindowMetrics.KvBucketWidth);
        s[Stat.KvUtilizationP95] = BucketQuantile(m.KvUtilizationSeconds, 0.95, WindowMetrics.KvBucketWidth);
        foreach (SegmentSample segment in m.Timeline)
        {
            if (segment.Weight <= 0 || segment.DurationSeconds <= 0)
            {
                continue;
            }
            double meanGpus = segment.BilledGpuSeconds * segment.Scale / segment.DurationSeconds;
            int top = Math.Min(MaxCommittedGpus, (int)Math.Ceiling(meanGpus));
            for (int c = 0; c < top; c++)
            {
                s.GpuSecondsAboveCommitted[c] += (meanGpus - c) * segment.DurationSeconds * segment.Weight / segment.Scale;
            }
        }
        return s;
    }

    /// <summary>Quantile of a time-weighted bucket histogram whose bucket i stands for i × <paramref name="width"/>; NaN when empty.</summary>
    public static double BucketQuantile(double[] buckets, double q, double width)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        double total = 0;
        foreach (double b in buckets)
        {
            total += b;
        }
        if (total <= 0)
        {
            return double.NaN;
        }
        double cumulative = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            if (cumulative >= q * total)
            {
                return i * width;
            }
        }
        return (buckets.Length - 1) * width;
    }
}

/// <summary>Entries of <see cref="MonthStats.Values"/>: weighted totals first, then percentiles and peaks.</summary>
public enum Stat
{
    RequestsArrived,
    RequestsServed,
    RequestsRejected,
    RequestsWithinSlo,
    Backoffs,
    RateLimitBackoffs,
    RateLimitWaitSeconds,
    OutageBackoffs,
    OutageWaitSeconds,
    RejectedAfterRateLimit,
    RejectedAfterOutage,
    RejectedOverContext,
    CapacityQueueWaits,
    CapacityQueueWaitSeconds,
    InputTokens,
    CachedInputTokens,
    OutputTokens,
    ApiInputTokens,
    ApiCachedInputTokens,
    ApiOutputTokens,
    BatchRequests,
    BatchInputTokens,
    BatchCachedInputTokens,
    BatchOutputTokens,
    OverflowedRequests,
    ComplianceRequests,
    RequeuedRequests,
    Preemptions,
    SpotInterruptions,
    SpotGpuSecondsBilled,
    SpotGpuSecondsColdStart,
    CoveredSeconds,
    GpuSecondsColdStart,
    GpuSecondsBusy,
    GpuSecondsIdle,
    GpuSecondsStranded,
    GpuSecondsRounding,
    ReplicaSeconds,
    InstanceSeconds,
    /// <summary>Seconds with the fleet at zero replicas (<see cref="WindowMetrics.FleetAtZeroSeconds"/>).</summary>
    FleetAtZeroSeconds,
    /// <summary>Queue waits of requests that arrived with no replica ready (<see cref="WindowMetrics.ReplicaStartWaits"/>).</summary>
    ReplicaStartWaits,
    ReplicaStartWaitSeconds,
    ColdStarts,
    /// <summary>GPU-seconds of the cold starts compressed hours count but did not run (<see cref="WindowMetrics.ChurnColdStartGpuSeconds"/>).</summary>
    ChurnColdStartGpuSeconds,
    /// <summary>The first of the peaks: every entry before it is a weighted total.</summary>
    PeakReplicas,
    PeakInstances,
    TtftP50Seconds,
    TtftP95Seconds,
    TpotP95Seconds,
    /// <summary>Median gap between consecutive output tokens (<see cref="WindowMetrics.InterTokenLatency"/>).</summary>
    ItlP50Seconds,
    E2eP50Seconds,
    E2eP99Seconds,
    BatchSizeP50,
    BatchSizeP95,
    KvUtilizationP50,
    KvUtilizationP95,
}
