namespace Planner.Reports.Charts;

/// <summary>One axis: its label, how values are written and, for a category axis, the category names.</summary>
public sealed record ChartAxis
{
    /// <summary>Shown under the chart title for the y axis, under the ticks for the x axis; empty hides it.</summary>
    public string Label { get; init; } = "";
    public ValueFormat Format { get; init; } = ValueFormat.Number;
    public AxisScale Scale { get; init; } = AxisScale.Linear;
    /// <summary>When set the axis is categorical: point X values index this list.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Whether a linear axis always reaches down to zero (cost and counts do; latency need not).</summary>
    public bool IncludeZero { get; init; } = true;
    /// <summary>Fixed lower and upper bounds; null fits the data.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
}
