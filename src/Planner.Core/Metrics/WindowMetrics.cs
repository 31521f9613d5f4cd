namespace Planner.Core.Metrics;

/// <summary>
/// What one simulated window (or a month of merged windows) measured. Counts are weighted:
/// each sample counts for the real time its segment stands for.
/// </summary>
public sealed class WindowMetrics
{
    /// <summary>Batch sizes above this share the last bucket.</summary>
    public const int BatchBuckets = 1025;

    /// <summary>Width of a KV-cache utilisation bucket: 1%, so that a percentile is read to the percent and a threshold such as 20% is not decided by a bucket's rounding.</summary>
    public const double KvBucketWidth = 0.01;

    /// <summary>KV-cache utilisation buckets: 0%, 1%, …, 100% (each the nearest share).</summary>
    public const int KvBuckets = 101;

    /// <summary>
    /// A queue wait at least this long counts as waiting for capacity; shorter waits (a step or two)
    /// are the ordinary rhythm of continuous batching.
    /// </summary>
    public const double CapacityQueueThresholdSeconds = 1.0;

    public double RequestsArrived { get; set; }
    public double RequestsServed { get; set; }
    public double RequestsRejected { get; set; }
    /// <summary>Requests that reached the end of the window still in the system.</summary>
    public double RequestsInFlightAtEnd { get; set; }
    /// <summary>Back-off waits taken (rate limits and outages).</summary>
    public double Backoffs { get; set; }
    /// <summary>Back-offs because the RPM or TPM bucket was empty (the API was up).</summary>
    public double RateLimitBackoffs { get; set; }
    /// <summary>Weighted seconds of those back-offs.</summary>
    public double RateLimitWaitSeconds { get; set; }
    /// <summary>Back-offs because the API was in an outage.</summary>
    public double OutageBackoffs { get; set; }
    public double OutageWaitSeconds { get; set; }
    /// <summary>Requests rejected because their next back-off would pass the maximum wait, by the cause of the last refusal.</summary>
    public double RejectedAfterRateLimit { get; set; }
    public double RejectedAfterOutage { get; set; }
    /// <summary>Requests an API refused at once because prompt and answer exceed its model's context window.</summary>
    public double RejectedOverContext { get; set; }
    /// <summary>Admissions to a self-hosted engine after waiting in its queue at least <see cref="CapacityQueueThresholdSeconds"/>.</summary>
    public double CapacityQueueWaits { get; set; }
    /// <summary>Weighted seconds requests waited in self-hosted queues to be admitted to a batch (for a sequence slot, KV cache or the prefill of the prompts queued ahead), every admission counted.</summary>
    public double CapacityQueueWaitSeconds { get; set; }
    /// <summary>Of <see cref="CapacityQueueWaits"/>, the requests that arrived while no replica was ready (a fleet scaled to zero, or every replica starting) and waited for one to start.</summary>
    public double ReplicaStartWaits { get; set; }
    /// <summary>Weighted seconds those requests waited.</summary>
    public double ReplicaStartWaitSeconds { get; set; }
    public double RequestsWithinSlo { get; set; }
    public double InputTokens { get; set; }
    public double CachedInputTokens { get; set; }
    public double OutputTokens { get; set; }
    /// <summary>Tokens billed by an API (all of an API option's; the overflow of a hybrid).</summary>
    public double ApiInputTokens { get; set; }
    public double ApiCachedInputTokens { get; set; }
    public double ApiOutputTokens { get; set; }
    /// <summary>Requests a hybrid sent to its API.</summary>
    public double OverflowedRequests { get; set; }
    /// <summary>Requests a hybrid drew into its compliance share: never sent to its API.</summary>
    public double ComplianceRequests { get; set; }
    /// <summary>Requests sent back to the router because their replica was interrupted.</summary>
    public double RequeuedRequests { get; set; }
    public double Preemptions { get; set; }
    public double SpotInterruptions { get; set; }
    /// <summary>Billed GPU-seconds of spot instances (included in the GPU totals below).</summary>
    public double SpotGpuSecondsBilled { get; set; }
    /// <summary>Of <see cref="SpotGpuSecondsBilled"/>, the GPU-seconds of spot instances provisioning and loading weights (in <see cref="GpuSecondsColdStart"/> too).</summary>
    public double SpotGpuSecondsColdStart { get; set; }
    /// <summary>Time-weighted running sequences per busy replica-step, in buckets of one sequence.</summary>
    public double[] BatchSizeSeconds { get; } = new double[BatchBuckets];
    /// <summary>Time-weighted KV-cache utilisation of busy replicas, in buckets of <see cref="KvBucketWidth"/>.</summary>
    public double[] KvUtilizationSeconds { get; } = new double[KvBuckets];
    /// <summary>Per load segment: arrivals, replica-seconds and queued-request-seconds (unweighted), for the day timeline.</summary>
    public List<SegmentSample> Timeline { get; } = [];
    /// <summary>Requests sent through a batch API (included in the totals above).</summary>
    public double BatchRequests { get; set; }
    public double BatchInputTokens { get; set; }
    public double BatchCachedInputTokens { get; set; }
    public double BatchOutputTokens { get; set; }
    public LatencyHistogram TimeToFirstToken { get; } = new();
    public LatencyHistogram TimePerOutputToken { get; } = new();
    /// <summary>
    /// Gaps between consecutive output tokens of a request, one sample per token after the first:
    /// a self-hosted decode step of d seconds adds d once for every sequence it advances; an API
    /// streams at its output rate.
    /// </summary>
    public LatencyHistogram InterTokenLatency { get; } = new();
    public LatencyHistogram EndToEnd { get; } = new();
    /// <summary>Real seconds this window stands for (however many slices of the fleet it counts).</summary>
    public double CoveredSeconds { get; set; }
    /// <summary>GPU-seconds of replicas provisioning or loading weights.</summary>
    public double GpuSecondsColdStart { get; set; }
    /// <summary>GPU-seconds of replicas with requests to serve.</summary>
    public double GpuSecondsBusy { get; set; }
    /// <summary>GPU-seconds of ready replicas with nothing to serve.</summary>
    public double GpuSecondsIdle { get; set; }
    /// <summary>
    /// GPU-seconds of the extra cold starts a compressed hour counts (<see cref="Serving.CompressedChurn"/>)
    /// but spends as idle time: the cost model bills them as cold start, out of the idle time.
    /// </summary>
    public double ChurnColdStartGpuSeconds { get; set; }
    /// <summary>GPU-seconds of billed instances' GPUs that held no replica.</summary>
    public double GpuSecondsStranded { get; set; }
    /// <summary>Extra GPU-seconds billed because instance lifetimes round up to the billing granularity.</summary>
    public double GpuSecondsRounding { get; set; }
    /// <summary>Replica-seconds of live replicas (starting, ready or draining).</summary>
    public double ReplicaSeconds { get; set; }
    /// <summary>Instance-seconds billed.</summary>
    public double InstanceSeconds { get; set; }
    /// <summary>Seconds (weighted) with no replica live or starting and nothing billed: a fleet that scales to zero, at zero.</summary>
    public double FleetAtZeroSeconds { get; set; }
    public double PeakReplicas { get; set; }
    public double PeakInstances { get; set; }
    public double ColdStarts { get; set; }

    /// <summary>Every billed GPU-second.</summary>
    public double GpuSecondsBilled => GpuSecondsColdStart + GpuSecondsBusy + GpuSecondsIdle + GpuSecondsStranded + GpuSecondsRounding;

    public void Merge(WindowMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequestsArrived += other.RequestsArrived;
        RequestsServed += other.RequestsServed;
        RequestsRejected += other.RequestsRejected;
        RequestsInFlightAtEnd += other.RequestsInFlightAtEnd;
        Backoffs += other.Backoffs;
        RateLimitBackoffs += other.RateLimitBackoffs;
        RateLimitWaitSeconds += other.RateLimitWaitSeconds;
        OutageBackoffs += other.OutageBackoffs;
        OutageWaitSeconds += other.OutageWaitSeconds;
        RejectedAfterRateLimit += other.RejectedAfterRateLimit;
        RejectedAfterOutage += other.RejectedAfterOutage;
        RejectedOverContext += other.RejectedOverContext;
        CapacityQueueWaits += other.CapacityQueueWaits;
        CapacityQueueWaitSeconds += other.CapacityQueueWaitSeconds;
        ReplicaStartWaits += other.ReplicaStartWaits;
        ReplicaStartWaitSeconds += other.ReplicaStartWaitSeconds;
        RequestsWithinSlo += other.RequestsWithinSlo;
        InputTokens += other.InputTokens;
        CachedInputTokens += other.CachedInputTokens;
        OutputTokens += other.OutputTokens;
        BatchRequests += other.BatchRequests;
        ApiInputTokens += other.ApiInputTokens;
        ApiCachedInputTokens += other.ApiCachedInputTokens;
        ApiOutputTokens += other.ApiOutputTokens;
        OverflowedRequests += other.OverflowedRequests;
        ComplianceRequests += other.ComplianceRequests;
        RequeuedRequests += other.RequeuedRequests;
        Preemptions += other.Preemptions;
        SpotInterruptions += other.SpotInterruptions;
        SpotGpuSecondsBilled += other.SpotGpuSecondsBilled;
        SpotGpuSecondsColdStart += other.SpotGpuSecondsColdStart;
        for (int i = 0; i < BatchSizeSeconds.Length; i++)
        {
            BatchSizeSeconds[i] += other.BatchSizeSeconds[i];
        }
        for (int i = 0; i < KvUtilizationSeconds.Length; i++)
        {
            KvUtilizationSeconds[i] += other.KvUtilizationSeconds[i];
        }
        BatchInputTokens += other.BatchInputTokens;
        BatchCachedInputTokens += other.BatchCachedInputTokens;
        BatchOutputTokens += other.BatchOutputTokens;
        TimeToFirstToken.Merge(other.TimeToFirstToken);
        TimePerOutputToken.Merge(other.TimePerOutputToken);
        InterTokenLatency.Merge(other.InterTokenLatency);
        EndToEnd.Merge(other.EndToEnd);
        CoveredSeconds += other.CoveredSeconds;
        GpuSecondsColdStart += other.GpuSecondsColdStart;
        GpuSecondsBusy += other.GpuSecondsBusy;
        GpuSecondsIdle += other.GpuSecondsIdle;
        ChurnColdStartGpuSeconds += other.ChurnColdStartGpuSeconds;
        GpuSecondsStranded += other.GpuSecondsStranded;
        GpuSecondsRounding += other.GpuSecondsRounding;
        ReplicaSeconds += other.ReplicaSeconds;
        InstanceSeconds += other.InstanceSeconds;
        FleetAtZeroSeconds += other.FleetAtZeroSeconds;
        PeakReplicas = Math.Max(PeakReplicas, other.PeakReplicas);
        PeakInstances = Math.Max(PeakInstances, other.PeakInstances);
        ColdStarts += other.ColdStarts;
        Timeline.AddRange(other.Timeline);
    }
}
