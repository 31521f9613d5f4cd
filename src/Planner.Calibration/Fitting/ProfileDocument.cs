using Planner.Core.Serving;

namespace Planner.Calibration.Fitting;

/// <summary>A performance profile as written to <c>calibration/profiles/&lt;hardware&gt;-&lt;model&gt;.yaml</c>.</summary>
public sealed record ProfileDocument
{
    /// <summary>The profile's name, <c>&lt;hardware&gt;-&lt;model&gt;</c>.</summary>
    public required string Profile { get; init; }

    public required string Model { get; init; }

    public required ProfileHardware Hardware { get; init; }

    public required StepTimeCoefficients StepTimeModel { get; init; }

    public required ProfileFit Fit { get; init; }

    public ProfileExtrapolation? ExtrapolatedFrom { get; init; }

    public required DateOnly Created { get; init; }

    /// <summary>Lines written as comments above the profile (what was measured, terms without data).</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}
