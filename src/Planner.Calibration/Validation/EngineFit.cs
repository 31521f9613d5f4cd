using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>An engine setting, the value it simulates for each published row (NaN where it cannot), and its score.</summary>
/// <param name="Engine">The engine setting the rows were simulated with.</param>
/// <param name="Simulated">One value per row, in the rows' order.</param>
/// <param name="Score">The objective of <see cref="ValidationScoring.Score"/> over all rows, in percent.</param>
public sealed record EngineFit(ServingEngineSpec Engine, IReadOnlyList<double> Simulated, double Score);
