namespace Planner.Reports.Charts;

/// <summary>An annotated point, such as a break-even month, drawn as a ring with a label (none when empty) and a guide to the x axis.</summary>
public sealed record ChartMarker(double X, double Y, string Label);
