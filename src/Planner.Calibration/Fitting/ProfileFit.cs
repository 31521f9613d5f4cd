namespace Planner.Calibration.Fitting;

/// <summary>The <c>fit:</c> block of a profile file: how many points, R², held-out MAPE, and which measurements.</summary>
public sealed record ProfileFit
{
    public required int Points { get; init; }

    public required double R2 { get; init; }

    /// <summary>As a fraction (0.05 is 5%).</summary>
    public required double KFoldMape { get; init; }

    public required int Folds { get; init; }

    /// <summary>The measurement CSV, relative to the profile file.</summary>
    public required string Measurements { get; init; }
}
