using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Uncertainty;

namespace Planner.Scenarios.Loading;

/// <summary>The outcome of loading a scenario.</summary>
/// <param name="Scenario">The validated scenario, or null when there is any error.</param>
/// <param name="Diagnostics">Every error and warning found, sorted by position.</param>
public sealed record ScenarioLoadResult(ScenarioSpec? Scenario, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when at least one diagnostic is an error (then <see cref="Scenario"/> is null).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// Builds the scenario again with its uncertain inputs (<see cref="ScenarioSpec.Uncertainty"/>) set to
    /// sampled values, for Monte Carlo and sensitivity runs; null when the scenario failed to load.
    /// </summary>
    public ScenarioVariants? Variants { get; init; }
}
