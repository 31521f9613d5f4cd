using Planner.Core.Decision;
using Planner.Core.Projection;

namespace Planner.Reports;

/// <summary>
/// What the writers are given: a projection plus the notes gathered while loading its scenario,
/// and the decision analysis when one was run.
/// </summary>
public sealed record RunReport
{
    public required ProjectionResult Projection { get; init; }
    /// <summary>Scenario path as the user gave it.</summary>
    public required string ScenarioPath { get; init; }
    /// <summary>Warnings from loading (stale prices and the like) and from the simulation (fleets that oscillate or never reach zero, approximate months), already formatted.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The version written into the reports: by default the build's (<see cref="Reports.PlannerVersion.Current"/>).</summary>
    public string PlannerVersion { get; init; } = Reports.PlannerVersion.Current;
    /// <summary>Monte Carlo over the scenario's uncertain inputs; null leaves the Uncertainty section out.</summary>
    public MonteCarloResult? MonteCarlo { get; init; }
    /// <summary>One-at-a-time sensitivity of one option against the baseline; null leaves the Sensitivity section out.</summary>
    public TornadoResult? Tornado { get; init; }
    /// <summary>SHA-256 of the scenario file (<see cref="Output.ScenarioFingerprint"/>), which ties a later <c>planner optimize</c> to this run; null when unknown.</summary>
    public string? ScenarioSha256 { get; init; }
    /// <summary>Results of <c>planner optimize</c> for the same scenario file and seed, shown as the Configuration search section; null leaves it out.</summary>
    public Optimization.OptimizationDocument? Optimization { get; init; }
}
