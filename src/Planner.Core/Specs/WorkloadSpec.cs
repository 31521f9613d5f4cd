namespace Planner.Core.Specs;

/// <summary>The traffic: what requests look like, how many, and when they arrive.</summary>
public sealed record WorkloadSpec
{
    public required IReadOnlyList<RequestClassSpec> Classes { get; init; }
    public required VolumeSpec Volume { get; init; }
    /// <summary>24 weights, one per hour of day, normalised to sum to 24 (mean 1).</summary>
    public required IReadOnlyList<double> HourlyWeights { get; init; }
    /// <summary>The preset <see cref="HourlyWeights"/> came from (<c>flat</c>, <c>business_hours</c>…), as the scenario names it; null for weights given as a list.</summary>
    public string? DailyShapeName { get; init; }
    /// <summary>Saturday and Sunday volume relative to a weekday.</summary>
    public double WeekendFactor { get; init; } = 1.0;
    public ArrivalSpec Arrivals { get; init; } = new();
    /// <summary>When set, arrivals (and token counts) replay this trace instead of the classes.</summary>
    public TraceReplaySpec? Replay { get; init; }
}
