namespace Planner.Reports.Charts;

/// <summary>Stroke of a line series (or dots only); a second cue besides colour.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line.</summary>
    Solid,

    /// <summary>A dashed line.</summary>
    Dashed,

    /// <summary>Dots at the points, no line (a scatter plot).</summary>
    Points,
}
