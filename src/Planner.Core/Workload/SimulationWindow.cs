namespace Planner.Core.Workload;

/// <summary>One contiguous simulation run: consecutive load segments, starting empty.</summary>
public sealed record SimulationWindow
{
    /// <summary>For example "weekday" or "weekend".</summary>
    public required string Label { get; init; }
    public required IReadOnlyList<LoadSegment> Segments { get; init; }
    /// <summary>Stable index of this window within its month, for seed derivation.</summary>
    public required int Index { get; init; }
    /// <summary>Which of the month's independent replicate days this is (0-based); replicates differ only in their seeds.</summary>
    public int Replicate { get; init; }
    /// <summary>Share of the whole traffic the segments' rates are: 1, or 1/k for a slice of a large fleet.</summary>
    public double TrafficShare { get; init; } = 1;
    /// <summary>Replicas a self-hosted fleet has ready at the start (warm), instead of its minimum; null for the minimum.</summary>
    public int? InitialReplicas { get; init; }

    public double DurationSeconds => Segments.Sum(s => s.DurationSeconds);
}
