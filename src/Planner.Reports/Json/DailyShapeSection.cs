namespace Planner.Reports.Json;

/// <summary>
/// The day's shape: the preset's name (<c>custom</c> for weights the scenario lists), the busiest
/// hour's weight over the mean (the weights average 1), that hour (0 to 23, the first if several)
/// and the 24 weights the simulation uses, from 00:00.
/// </summary>
public sealed record DailyShapeSection(string Name, double? PeakToMean, int PeakHour, IReadOnlyList<double> HourlyWeights);
