namespace Planner.Reports.Json;

/// <summary>10th, 50th and 90th percentiles and the mean of a quantity over the Monte Carlo samples.</summary>
public sealed record BandSection(double? P10, double? P50, double? P90, double? Mean);
