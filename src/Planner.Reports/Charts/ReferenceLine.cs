namespace Planner.Reports.Charts;

/// <summary>A horizontal dashed line at a fixed value with a label, such as an SLO target.</summary>
public sealed record ReferenceLine(double Y, string Label);
