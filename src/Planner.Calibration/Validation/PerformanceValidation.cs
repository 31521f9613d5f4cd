using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// The engine against published measurements: every row simulated with the engine defaults and
/// with proposed efficiencies, and (unless skipped) the efficiency grid fitted on all rows and
/// cross-validated by source and by GPU.
/// </summary>
public static class PerformanceValidation
{
    /// <summary>
    /// Runs the comparison; <paramref name="fit"/> false skips the grid and the cross-validations
    /// (faster); <paramref name="grid"/> is what the grid searches (<see cref="ValidationGrid.Default"/> when null).
    /// </summary>
    public static ValidationRun Run(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec defaults, ServingEngineSpec proposed, bool fit, ValidationGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(proposed);
        EngineFit current = Evaluate(rows, defaults);
        EngineFit candidate = Evaluate(rows, proposed);
        EngineFit ownEngine = Evaluate(rows, defaults, ownEngine: true);
        if (!fit)
        {
            return new ValidationRun(rows, current, candidate, null, null, null) { OwnEngine = ownEngine };
        }
        grid ??= ValidationGrid.Default;
        EfficiencyGrid simulated = EfficiencyGrid.Simulate(rows, defaults, grid);
        EngineFit best = simulated.BestFit();
        bool severalSources = rows.Select(r => r.SourceKey).Distinct().Count() > 1;
        bool severalGpus = rows.Select(r => r.Gpu.Id).Distinct().Count() > 1;
        CrossValidation? bySource = severalSources ? CrossValidation.LeaveOneGroupOut("source", rows, simulated, r => r.SourceKey, r => r.Source) : null;
        CrossValidation? byGpu = severalGpus ? CrossValidation.LeaveOneGroupOut("GPU", rows, simulated, r => r.Gpu.Id, r => r.Gpu.Id) : null;
        return new ValidationRun(rows, current, candidate, best, bySource, byGpu) { OwnEngine = ownEngine, Grid = grid };
    }

    /// <summary>Every row simulated with <paramref name="engine"/> (with <paramref name="ownEngine"/>, its efficiencies and the scheduling limits of each row's own engine).</summary>
    public static EngineFit Evaluate(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec engine, bool ownEngine = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(engine);
        var values = new double[rows.Count];
        Parallel.For(0, rows.Count, i => values[i] = ValidationSimulator.Simulate(rows[i], engine, ownEngine));
        return new EngineFit(engine, values, ValidationScoring.Score(rows, values));
    }
}
