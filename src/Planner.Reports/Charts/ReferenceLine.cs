namespace Planner.Reports.Charts;

/// <summary>A dashed line at a fixed value with a label, such as an SLO target: horizontal in line charts, vertical in bar charts (whose values run across).</summary>
public sealed record ReferenceLine(double Y, string Label);
