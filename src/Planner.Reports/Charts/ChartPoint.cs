namespace Planner.Reports.Charts;

/// <summary>One data point. On a category axis X is the 0-based category index; a NaN Y leaves a gap.</summary>
public readonly record struct ChartPoint(double X, double Y);
