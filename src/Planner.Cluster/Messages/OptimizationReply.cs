namespace Planner.Cluster.Messages;

/// <summary>A worker's answer to an <see cref="OptimizationRequest"/>: every unit's outcome in the request's order, or why it could not.</summary>
[GenerateSerializer, Immutable]
public sealed record OptimizationReply
{
    /// <summary>One entry per unit of the request; empty when <see cref="Error"/> is set.</summary>
    [Id(0)] public required PoolWindowResult[] Outcomes { get; init; }

    [Id(1)] public string? Error { get; init; }

    [Id(2)] public required string Worker { get; init; }

    [Id(3)] public double WorkerSeconds { get; init; }

    [Id(4)] public string? WorkerVersion { get; init; }
}
