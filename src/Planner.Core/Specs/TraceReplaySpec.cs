namespace Planner.Core.Specs;

/// <summary>A request trace replayed with its own arrival pattern, time-scaled to each month's volume.</summary>
public sealed record TraceReplaySpec
{
    public required string Source { get; init; }
    /// <summary>Arrival offsets from the first request, ascending.</summary>
    public required IReadOnlyList<double> OffsetSeconds { get; init; }
    public required IReadOnlyList<int> InputTokens { get; init; }
    public required IReadOnlyList<int> OutputTokens { get; init; }
    /// <summary>Span of the trace; the pattern repeats after it.</summary>
    public required double DurationSeconds { get; init; }
    /// <summary>Who published the trace and under what licence, where a report must say so; null for a trace not known to need it.</summary>
    public string? Credit { get; init; }
}
