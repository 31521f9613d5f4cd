namespace Planner.Reports.Charts;

/// <summary>How a series of a line chart is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Points joined by straight lines.</summary>
    Line,

    /// <summary>Points joined by steps: each value holds around its point and jumps halfway to the next (a probability by month, a count).</summary>
    Step,

    /// <summary>
    /// A shaded band between <see cref="ChartSeries.Lower"/> and the series' points, such as the
    /// P10–P90 range of a Monte Carlo; bands are drawn beneath every line.
    /// </summary>
    Band,
}
