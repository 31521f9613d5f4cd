namespace Planner.Reports.Charts;

/// <summary>How axis and value labels are written.</summary>
public enum ValueFormat
{
    /// <summary>Plain number with thousands separators.</summary>
    Number,

    /// <summary>US dollars, compact above a thousand ($1.5K, $2M).</summary>
    Currency,

    /// <summary>A fraction shown as a percentage (0.25 → 25%).</summary>
    Percent,

    /// <summary>SI prefixes (1.5k, 2M).</summary>
    Si,

    /// <summary>Milliseconds, switching to seconds from 1,000 ms.</summary>
    Milliseconds,

    /// <summary>Hours since midnight shown as a clock time (6 → 06:00).</summary>
    HourOfDay,
}
