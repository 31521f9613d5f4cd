namespace Planner.Calibration.Validation;

/// <summary>
/// Errors of a group of rows, in percent of the published figure.
/// </summary>
/// <param name="Rows">Rows with a simulated value.</param>
/// <param name="Missing">Rows the engine could not simulate (the setup does not fit, or the run did not finish).</param>
/// <param name="MeanAbsolutePercent">Mean of |simulated − published| / published.</param>
/// <param name="MedianAbsolutePercent">Median of |simulated − published| / published.</param>
/// <param name="MeanPercent">Mean signed error: the bias (positive: the engine predicts more than was published).</param>
public sealed record ErrorSummary(int Rows, int Missing, double MeanAbsolutePercent, double MedianAbsolutePercent, double MeanPercent);
