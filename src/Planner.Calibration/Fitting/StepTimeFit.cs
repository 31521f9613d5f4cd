using Planner.Core.Serving;

namespace Planner.Calibration.Fitting;

/// <summary>Fitted coefficients and how well they predict: R² on all points, mean absolute percentage error on held-out folds.</summary>
public sealed record StepTimeFit
{
    public required StepTimeCoefficients Coefficients { get; init; }

    public required int Points { get; init; }

    /// <summary>Coefficient of determination of the predictions on the points fitted.</summary>
    public required double R2 { get; init; }

    /// <summary>Mean absolute percentage error (a fraction) of each point predicted by a fit without its fold; NaN with fewer than 2 points.</summary>
    public required double KFoldMape { get; init; }

    public required int Folds { get; init; }

    /// <summary>Terms the measurements do not exercise (their columns are all zero): fitted as 0.</summary>
    public required IReadOnlyList<string> UnmeasuredTerms { get; init; }
}
