namespace Planner.Reports.Charts;

/// <summary>How values map to positions along an axis.</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences.</summary>
    Linear,

    /// <summary>Equal distances for equal ratios; for values that span orders of magnitude. Values at or below zero are left out.</summary>
    Logarithmic,
}
