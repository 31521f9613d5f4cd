namespace Planner.Core.Workload;

/// <summary>One contiguous simulation run: consecutive load segments, starting empty.</summary>
public sealed record SimulationWindow
{
    /// <summary>For example "weekday" or "weekend".</summary>
    public required string Label { get; init; }
    public required IReadOnlyList<LoadSegment> Segments { get; init; }
    /// <summary>Stable index of this window within its month, for seed derivation.</summary>
    public required int Index { get; init; }

    public double DurationSeconds => Segments.Sum(s => s.DurationSeconds);
}
