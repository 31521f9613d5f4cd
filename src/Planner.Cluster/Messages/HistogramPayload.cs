namespace Planner.Cluster.Messages;

/// <summary>Wire form of a <see cref="Planner.Core.Metrics.LatencyHistogramState"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record HistogramPayload
{
    [Id(0)] public required double ZeroWeight { get; init; }

    [Id(1)] public required double[] BucketWeights { get; init; }

    [Id(2)] public required double TotalWeight { get; init; }
}
