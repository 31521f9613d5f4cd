using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>One fold of a cross-validation: the group held out, the setting fitted without it, and its error on it.</summary>
/// <param name="HeldOut">The group's label (a source or a GPU).</param>
/// <param name="TrainingRows">Rows the setting was fitted on (all but the held-out group's).</param>
/// <param name="Engine">The grid point fitted on the training rows.</param>
/// <param name="HeldOutError">Error of that setting on the held-out rows only.</param>
public sealed record CrossValidationFold(string HeldOut, int TrainingRows, ServingEngineSpec Engine, ErrorSummary HeldOutError);
