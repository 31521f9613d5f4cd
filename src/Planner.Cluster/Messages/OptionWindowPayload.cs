namespace Planner.Cluster.Messages;

/// <summary>Wire form of <see cref="Planner.Core.Projection.OptionWindowOutcome"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record OptionWindowPayload
{
    [Id(0)] public required MetricsPayload Metrics { get; init; }

    [Id(1)] public required double SliceFactor { get; init; }

    [Id(2)] public required double[] HourCompression { get; init; }

    [Id(3)] public required bool Approximate { get; init; }

    [Id(4)] public required long EventsProcessed { get; init; }

    [Id(5)] public required long RequestsSimulated { get; init; }

    /// <summary>The plan's warm-up compression (1 unless the day went past the work bound).</summary>
    [Id(6)] public double WarmUpCompression { get; init; } = 1;
}
