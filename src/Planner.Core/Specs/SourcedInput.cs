namespace Planner.Core.Specs;

/// <summary>One input value with where it came from and when it was true.</summary>
public sealed record SourcedInput
{
    public required string Path { get; init; }
    public required string Value { get; init; }
    public required string Source { get; init; }
    /// <summary>Date the figure was published or observed; null when the scenario gave it without a date.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>True when the figure is a price older than 12 months at the scenario's start.</summary>
    public bool IsStale { get; init; }
}
