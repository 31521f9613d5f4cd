using Planner.Core.Serving;

namespace Planner.Core.Specs;

/// <summary>
/// A performance profile fitted from measurements (calibration/profiles/*.yaml), as a scenario
/// references it: the step-time coefficients and what a report needs to say where they came from.
/// </summary>
public sealed record CalibratedProfileSpec
{
    /// <summary>Profile name, for example <c>cpu-amd-epyc-llama-3.1-8b</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The hardware measured (or extrapolated to), in words.</summary>
    public required string Hardware { get; init; }

    public required StepTimeCoefficients Coefficients { get; init; }

    /// <summary>True when the coefficients were derived from another hardware's profile by roofline ratios, not measured.</summary>
    public bool IsExtrapolated { get; init; }

    /// <summary>Path of the profile file, as the scenario wrote it.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Mean absolute percentage error of the fit on held-out points (k-fold), as a fraction; null when unknown.</summary>
    public double? KFoldMape { get; init; }
}
