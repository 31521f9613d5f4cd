namespace Planner.Cluster.Messages;

/// <summary>Wire form of <see cref="Planner.Core.Optimization.PoolWindowUnit"/>: names, positions and seeds only.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolWindowPayload
{
    [Id(0)] public required int Level { get; init; }

    [Id(1)] public required int MonthIndex { get; init; }

    [Id(2)] public required int WindowPosition { get; init; }

    [Id(3)] public required string Pool { get; init; }

    [Id(4)] public required bool Reference { get; init; }

    [Id(5)] public required int FixedReplicas { get; init; }

    [Id(6)] public required int Share { get; init; }

    [Id(7)] public required double CapRequestsPerSecond { get; init; }

    [Id(8)] public required ulong TrafficSeed { get; init; }

    [Id(9)] public required ulong ServiceSeed { get; init; }
}
