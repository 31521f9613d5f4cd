namespace Planner.Core.Specs;

/// <summary>A cost paid once, in a given month of the projection (1-based).</summary>
public sealed record OneTimeCostSpec
{
    public required string Name { get; init; }
    public required double AmountUsd { get; init; }
    public int Month { get; init; } = 1;
}
