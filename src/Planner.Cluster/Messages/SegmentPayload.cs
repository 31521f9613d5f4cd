namespace Planner.Cluster.Messages;

/// <summary>Wire form of a <see cref="Planner.Core.Metrics.SegmentSample"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentPayload
{
    [Id(0)] public required int HourOfDay { get; init; }

    [Id(1)] public required double DurationSeconds { get; init; }

    [Id(2)] public required double Weight { get; init; }

    [Id(3)] public required double Arrivals { get; init; }

    [Id(4)] public required double ReplicaSeconds { get; init; }

    [Id(5)] public required double QueuedRequestSeconds { get; init; }

    [Id(6)] public required double BilledGpuSeconds { get; init; }

    [Id(7)] public required double Scale { get; init; }
}
