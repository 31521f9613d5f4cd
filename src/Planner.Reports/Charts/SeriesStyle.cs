namespace Planner.Reports.Charts;

/// <summary>Stroke of a line series; a second cue besides colour.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line.</summary>
    Solid,

    /// <summary>A dashed line.</summary>
    Dashed,
}
