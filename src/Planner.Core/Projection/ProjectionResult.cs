using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>Everything a run of a scenario produced.</summary>
public sealed record ProjectionResult
{
    public required ScenarioSpec Scenario { get; init; }
    public required IReadOnlyList<OptionProjection> Options { get; init; }
    public required string BaselineName { get; init; }
    public required IReadOnlyList<BreakEvenResult> BreakEven { get; init; }
    public required Recommendation Recommendation { get; init; }
    /// <summary>Requests simulated (unweighted) across all windows, for speed figures.</summary>
    public required long SimulatedRequests { get; init; }
    public required long SimulatedEvents { get; init; }
    /// <summary>What the projection found worth fixing in a scenario (for example a fleet that oscillates), as sentences.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
