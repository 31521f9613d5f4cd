namespace Planner.Calibration.Validation;

/// <summary>Everything <c>planner validate-performance</c> reports: the rows, each engine setting's values, and the cross-validations.</summary>
/// <param name="Rows">The published rows, in file order.</param>
/// <param name="Defaults">The engine defaults (<c>ServingEngineSpec</c>); chosen from these same rows, so their error is in-sample.</param>
/// <param name="Proposed">The <c>--proposed</c> efficiencies.</param>
/// <param name="BestFit">The grid point fitted on all rows (in-sample); null when the grid was skipped.</param>
/// <param name="BySource">Leave-one-source-out; null when the grid was skipped.</param>
/// <param name="ByGpu">Leave-one-GPU-out; null when the grid was skipped.</param>
public sealed record ValidationRun(
    IReadOnlyList<PublishedMeasurement> Rows,
    EngineFit Defaults,
    EngineFit Proposed,
    EngineFit? BestFit,
    CrossValidation? BySource,
    CrossValidation? ByGpu)
{
    /// <summary>The engine defaults' efficiencies with each row's own engine's scheduling limits (<see cref="PublishedMeasurement.EngineProfile"/>); null when not run.</summary>
    public EngineFit? OwnEngine { get; init; }

    /// <summary>What the grid searched, and under whose scheduling limits; the default grid when not set.</summary>
    public ValidationGrid Grid { get; init; } = ValidationGrid.Default;
}
