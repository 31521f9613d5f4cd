using Planner.Core.Decision;
using Planner.Core.Projection;

namespace Planner.Reports;

/// <summary>What the writers are given: a projection plus the notes gathered while loading its scenario.</summary>
public sealed record RunReport
{
    public required ProjectionResult Projection { get; init; }
    /// <summary>Scenario path as the user gave it.</summary>
    public required string ScenarioPath { get; init; }
    /// <summary>Warnings from loading (stale prices and the like), already formatted.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public string PlannerVersion { get; init; } = "0.1.0";
    /// <summary>Monte Carlo over the uncertain inputs, when the run asked for one.</summary>
    public MonteCarloResult? MonteCarlo { get; init; }
    /// <summary>One-at-a-time sensitivity, when the run asked for one.</summary>
    public TornadoResult? Tornado { get; init; }
}
