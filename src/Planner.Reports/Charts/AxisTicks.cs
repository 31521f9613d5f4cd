namespace Planner.Reports.Charts;

/// <summary>An axis range and the tick values inside it; <see cref="Step"/> is the spacing of a linear axis (0 on a log axis).</summary>
public sealed record AxisTicks(double Min, double Max, double Step, IReadOnlyList<double> Values);
