using Planner.Core.Specs;

namespace Planner.Core.Decision;

/// <summary>
/// One Monte Carlo sample to simulate in full: its index, the values of the uncertain inputs it
/// drew (in <see cref="ScenarioSpec.Uncertainty"/> order), and the scenario those values make,
/// seed included. Whoever simulates it elsewhere rebuilds the scenario from the values and the seed.
/// </summary>
/// <param name="Index">The sample's index in the Monte Carlo (its values derive from the seed and it).</param>
/// <param name="Values">Each uncertain input's value in this sample.</param>
/// <param name="Scenario">The scenario at those values, with the seed to simulate it with.</param>
public sealed record MonteCarloSample(int Index, IReadOnlyList<double> Values, ScenarioSpec Scenario);
