using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Step times from a profile fitted to measurements: fixed cost plus each coefficient times its
/// amount of work (<see cref="StepTimeCoefficients"/>). Its description names the profile, the
/// hardware, whether the numbers were measured or extrapolated, and how well the fit predicts
/// held-out measurements.
/// </summary>
public sealed class CalibratedPerformanceProfile : IPerformanceProfile
{
    private readonly StepTimeCoefficients _coefficients;

    public CalibratedPerformanceProfile(CalibratedProfileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _coefficients = spec.Coefficients.Validated();
        Spec = spec;
        string origin = spec.IsExtrapolated ? "extrapolated by roofline ratios, not measured" : "measured";
        string error = spec.KFoldMape is double mape
            ? string.Create(CultureInfo.InvariantCulture, $"k-fold MAPE {mape * 100:0.#}%")
            : "k-fold MAPE unknown";
        Description = $"calibrated profile {spec.Name} on {spec.Hardware} ({origin}; {error}; {spec.SourcePath})";
    }

    /// <summary>The profile this instance computes with.</summary>
    public CalibratedProfileSpec Spec { get; }

    public string Description { get; }

    public double StepSeconds(in StepShape step) => _coefficients.StepSeconds(step);
}
