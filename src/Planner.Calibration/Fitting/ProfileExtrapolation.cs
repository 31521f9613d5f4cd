namespace Planner.Calibration.Fitting;

/// <summary>The <c>extrapolated_from:</c> block: the measured profile this one was derived from, and how.</summary>
public sealed record ProfileExtrapolation
{
    /// <summary>The source profile, relative to this profile file.</summary>
    public required string Profile { get; init; }

    public required string Method { get; init; }
}
