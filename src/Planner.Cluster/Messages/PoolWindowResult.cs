namespace Planner.Cluster.Messages;

/// <summary>Wire form of <see cref="Planner.Core.Optimization.PoolWindowOutcome"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolWindowResult
{
    [Id(0)] public required MetricsPayload Metrics { get; init; }

    [Id(1)] public required long EventsProcessed { get; init; }

    [Id(2)] public required long RequestsSimulated { get; init; }
}
