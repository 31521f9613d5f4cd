namespace Planner.Reports.Charts;

/// <summary>
/// Chooses how far a value axis reaches when one option is far off the others. An axis stretched
/// to the worst option squashes the target line (an SLO) and every option near it against the
/// bottom; so the axis is chosen from what the reader compares: the target and the options that
/// meet it. Whatever lies beyond is drawn leaving the plot and named in a note on the chart.
/// </summary>
public static class AxisFocus
{
    /// <summary>The axis reaches this many times the larger of the target and the highest value of the series that meet it.</summary>
    public const double Headroom = 2;

    /// <summary>Data that overshoots that reach by no more than this factor stretches the axis instead of being cut off.</summary>
    public const double Tolerance = 1.25;

    /// <summary>
    /// The upper end for a value axis that shows <paramref name="target"/>: null when every value
    /// fits within <see cref="Tolerance"/> × the reach (the axis then fits the data), else
    /// <see cref="Headroom"/> × the larger of the target and the highest value among the series
    /// whose every value meets it (is at or below it). NaN values are gaps and are ignored.
    /// </summary>
    /// <param name="series">The values of each series (an option, a group of points).</param>
    /// <param name="target">The line the reader compares against; null leaves the axis to the data.</param>
    public static double? UpperLimit(IEnumerable<IReadOnlyList<double>> series, double? target)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (target is not double t || !(t > 0) || !double.IsFinite(t))
        {
            return null;
        }
        var finite = series.Select(s => s.Where(double.IsFinite).ToList()).Where(s => s.Count > 0).ToList();
        if (finite.Count == 0)
        {
            return null;
        }
        double meeting = finite.Where(s => s.Max() <= t).Select(s => s.Max()).DefaultIfEmpty(t).Max();
        double reach = Headroom * Math.Max(t, meeting);
        double highest = finite.Max(s => s.Max());
        return highest <= reach * Tolerance ? null : reach;
    }
}
