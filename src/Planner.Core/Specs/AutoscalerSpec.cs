namespace Planner.Core.Specs;

/// <summary>Replica autoscaling: bounds, target, timing.</summary>
public sealed record AutoscalerSpec
{
    public required int MinReplicas { get; init; }
    public required int MaxReplicas { get; init; }
    public AutoscalerMetric Metric { get; init; } = AutoscalerMetric.Concurrency;
    /// <summary>Target: in-flight requests per ready replica (Concurrency), requests/s per ready replica (RequestRate), seconds of queue wait, the mean wait of the fleet's queued requests (QueueWait), or KV-cache fraction, the mean over ready replicas (KvUtilization).</summary>
    public required double TargetValue { get; init; }
    public double EvaluationIntervalSeconds { get; init; } = 15;
    /// <summary>Demand must stay above capacity this long before replicas are added.</summary>
    public double ScaleUpDelaySeconds { get; init; } = 30;
    /// <summary>Provisioning plus weight load: billed, not serving.</summary>
    public required double ColdStartSeconds { get; init; }
    /// <summary>Part of the cold start spent getting a machine (for reports; null when given as one figure).</summary>
    public double? ProvisioningSeconds { get; init; }
    /// <summary>Part of the cold start spent loading weights (for reports; null when given as one figure).</summary>
    public double? WeightLoadSeconds { get; init; }
    /// <summary>Optional minimum replicas for each hour of the day (24 entries), on top of <see cref="MinReplicas"/>.</summary>
    public IReadOnlyList<int>? ScheduledMinReplicas { get; init; }
    /// <summary>Scale down only to the highest desired count seen over this window.</summary>
    public double ScaleDownStabilizationSeconds { get; init; } = 300;
    /// <summary>
    /// The fleet is left as it is while the metric is within this share of its target (Kubernetes'
    /// horizontal autoscaler uses 0.1), so that noise around the target does not start and stop replicas.
    /// </summary>
    public double Tolerance { get; init; } = 0.1;
}

/// <summary>What the autoscaler tracks per ready replica.</summary>
public enum AutoscalerMetric
{
    Concurrency,
    RequestRate,
    /// <summary>Mean time the queued requests have waited; desired replicas grow in proportion.</summary>
    QueueWait,
    /// <summary>Mean KV-cache utilisation of ready replicas.</summary>
    KvUtilization,
}
