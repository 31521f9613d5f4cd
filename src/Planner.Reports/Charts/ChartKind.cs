namespace Planner.Reports.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>One polyline per series; with a numeric x axis and a 0–1 percent y axis it draws a CDF.</summary>
    Line,

    /// <summary>Series stacked on top of each other, each filled down to the one below.</summary>
    StackedArea,

    /// <summary>Grouped vertical bars, one bar per series in each category.</summary>
    Bar,
}
