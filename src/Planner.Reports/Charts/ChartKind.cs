namespace Planner.Reports.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>One polyline per series; with a numeric x axis and a 0–1 percent y axis it draws a CDF.</summary>
    Line,

    /// <summary>Series stacked on top of each other, each filled down to the one below.</summary>
    StackedArea,

    /// <summary>Grouped horizontal bars from zero, one bar per series in each category (categories down the side).</summary>
    Bar,

    /// <summary>
    /// Horizontal bars from <see cref="ChartSpec.BarBase"/> instead of zero, every series in the same
    /// row of its category, largest first: a tornado of how far one outcome moves each way. A bar on
    /// the same side of the base as an earlier series' bar is drawn thinner so both stay visible.
    /// </summary>
    Tornado,
}
