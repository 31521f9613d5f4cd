namespace Planner.Core.Metrics;

/// <summary>
/// What one simulated window (or a month of merged windows) measured. Counts are weighted:
/// each sample counts for the real time its segment stands for.
/// </summary>
public sealed class WindowMetrics
{
    /// <summary>Batch sizes above this share the last bucket.</summary>
    public const int BatchBuckets = 1025;

    public double RequestsArrived { get; set; }
    public double RequestsServed { get; set; }
    public double RequestsRejected { get; set; }
    /// <summary>Requests that reached the end of the window still in the system.</summary>
    public double RequestsInFlightAtEnd { get; set; }
    /// <summary>Back-off waits taken (rate limits and outages).</summary>
    public double Backoffs { get; set; }
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
    /// <summary>Requests sent back to the router because their replica was interrupted.</summary>
    public double RequeuedRequests { get; set; }
    public double Preemptions { get; set; }
    public double SpotInterruptions { get; set; }
    /// <summary>Billed replica-seconds of spot replicas (included in the state totals below).</summary>
    public double SpotReplicaSecondsBilled { get; set; }
    /// <summary>Time-weighted running sequences per busy replica-step, in buckets of one sequence.</summary>
    public double[] BatchSizeSeconds { get; } = new double[BatchBuckets];
    /// <summary>Time-weighted KV-cache utilisation of busy replicas, in 5% buckets.</summary>
    public double[] KvUtilizationSeconds { get; } = new double[21];
    /// <summary>Per load segment: arrivals, replica-seconds and queued-request-seconds (unweighted), for the day timeline.</summary>
    public List<SegmentSample> Timeline { get; } = [];
    /// <summary>Requests sent through a batch API (included in the totals above).</summary>
    public double BatchRequests { get; set; }
    public double BatchInputTokens { get; set; }
    public double BatchCachedInputTokens { get; set; }
    public double BatchOutputTokens { get; set; }
    public LatencyHistogram TimeToFirstToken { get; } = new();
    public LatencyHistogram TimePerOutputToken { get; } = new();
    public LatencyHistogram EndToEnd { get; } = new();
    /// <summary>Real seconds this window stands for.</summary>
    public double CoveredSeconds { get; set; }
    public double ReplicaSecondsColdStart { get; set; }
    public double ReplicaSecondsBusy { get; set; }
    public double ReplicaSecondsIdle { get; set; }
    /// <summary>Extra seconds billed because lifetimes round up to the billing granularity.</summary>
    public double ReplicaSecondsRounding { get; set; }
    public double PeakReplicas { get; set; }
    public double ColdStarts { get; set; }

    public double ReplicaSecondsBilled => ReplicaSecondsColdStart + ReplicaSecondsBusy + ReplicaSecondsIdle + ReplicaSecondsRounding;

    public void Merge(WindowMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequestsArrived += other.RequestsArrived;
        RequestsServed += other.RequestsServed;
        RequestsRejected += other.RequestsRejected;
        RequestsInFlightAtEnd += other.RequestsInFlightAtEnd;
        Backoffs += other.Backoffs;
        RequestsWithinSlo += other.RequestsWithinSlo;
        InputTokens += other.InputTokens;
        CachedInputTokens += other.CachedInputTokens;
        OutputTokens += other.OutputTokens;
        BatchRequests += other.BatchRequests;
        ApiInputTokens += other.ApiInputTokens;
        ApiCachedInputTokens += other.ApiCachedInputTokens;
        ApiOutputTokens += other.ApiOutputTokens;
        OverflowedRequests += other.OverflowedRequests;
        RequeuedRequests += other.RequeuedRequests;
        Preemptions += other.Preemptions;
        SpotInterruptions += other.SpotInterruptions;
        SpotReplicaSecondsBilled += other.SpotReplicaSecondsBilled;
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
        EndToEnd.Merge(other.EndToEnd);
        CoveredSeconds += other.CoveredSeconds;
        ReplicaSecondsColdStart += other.ReplicaSecondsColdStart;
        ReplicaSecondsBusy += other.ReplicaSecondsBusy;
        ReplicaSecondsIdle += other.ReplicaSecondsIdle;
        ReplicaSecondsRounding += other.ReplicaSecondsRounding;
        PeakReplicas = Math.Max(PeakReplicas, other.PeakReplicas);
        ColdStarts += other.ColdStarts;
        Timeline.AddRange(other.Timeline);
    }
}
