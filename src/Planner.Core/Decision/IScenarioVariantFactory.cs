using Planner.Core.Specs;

namespace Planner.Core.Decision;

/// <summary>
/// Builds the scenario with its uncertain inputs set to given values (one per
/// <see cref="UncertaintySpec.Inputs"/> entry, same order); the scenario file's reader
/// implements it, so a sampled value goes through the same validation as a written one.
/// </summary>
public interface IScenarioVariantFactory
{
    ScenarioSpec Base { get; }

    /// <summary>The scenario with input i set to <paramref name="values"/>[i]; throws <see cref="ArgumentException"/> naming the input when a value is not allowed.</summary>
    ScenarioSpec Create(IReadOnlyList<double> values);
}
