namespace Planner.Cluster.Messages;

/// <summary>
/// Wire form of <see cref="Planner.Core.Metrics.WindowMetrics"/>: its settable numbers in the
/// order <see cref="MetricsCodec"/> fixes, its bucket arrays, histograms and timeline.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MetricsPayload
{
    [Id(0)] public required double[] Scalars { get; init; }

    [Id(1)] public required double[] BatchSizeSeconds { get; init; }

    [Id(2)] public required double[] KvUtilizationSeconds { get; init; }

    [Id(3)] public required HistogramPayload TimeToFirstToken { get; init; }

    [Id(4)] public required HistogramPayload TimePerOutputToken { get; init; }

    [Id(5)] public required HistogramPayload EndToEnd { get; init; }

    [Id(6)] public required SegmentPayload[] Timeline { get; init; }

    [Id(7)] public required HistogramPayload InterTokenLatency { get; init; }
}
