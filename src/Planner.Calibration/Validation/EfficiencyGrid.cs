using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// Every published row simulated at every point of a grid of compute efficiency × memory
/// efficiency × step overhead. The grid is simulated once; fits on any subset of the rows
/// (all of them, or all but one source for cross-validation) then only pick a point.
/// </summary>
public sealed class EfficiencyGrid
{
    /// <summary>Compute efficiencies searched: they bracket what kernels achieve in practice.</summary>
    public static IReadOnlyList<double> ComputeEfficiencies { get; } = [0.4, 0.5, 0.6, 0.7, 0.8];

    /// <summary>Memory efficiencies searched (steps of 0.05).</summary>
    public static IReadOnlyList<double> MemoryEfficiencies { get; } = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

    /// <summary>Step overheads searched, ms. Coarse enough that the grid (225 settings × every row) runs in seconds to minutes.</summary>
    public static IReadOnlyList<double> StepOverheadsMs { get; } = [0, 1, 2, 3, 4];

    private readonly IReadOnlyList<PublishedMeasurement> _rows;
    private readonly ServingEngineSpec[] _candidates;
    private readonly double[][] _simulated;

    private EfficiencyGrid(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec[] candidates, double[][] simulated)
    {
        _rows = rows;
        _candidates = candidates;
        _simulated = simulated;
    }

    /// <summary>Engine settings on the grid, compute-major, then memory, then overhead.</summary>
    public IReadOnlyList<ServingEngineSpec> Candidates => _candidates;

    /// <summary>Simulates every row at every grid point; <paramref name="defaults"/> supplies everything but the three fitted numbers.</summary>
    public static EfficiencyGrid Simulate(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec defaults)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(defaults);
        var candidates = new List<ServingEngineSpec>();
        foreach (double c in ComputeEfficiencies)
        {
            foreach (double mem in MemoryEfficiencies)
            {
                foreach (double o in StepOverheadsMs)
                {
                    candidates.Add(defaults with { ComputeEfficiency = c, MemoryEfficiency = mem, StepOverheadMs = o });
                }
            }
        }
        var simulated = new double[candidates.Count][];
        Parallel.For(0, candidates.Count, k =>
        {
            var values = new double[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                values[i] = ValidationSimulator.Simulate(rows[i], candidates[k]);
            }
            simulated[k] = values;
        });
        return new EfficiencyGrid(rows, [.. candidates], simulated);
    }

    /// <summary>
    /// The grid point with the lowest <see cref="ValidationScoring.Score"/> on the rows
    /// <paramref name="training"/> selects (all rows when null). The returned fit's values cover
    /// every row and its score is over all rows; ties keep the first point in grid order, so the
    /// result is deterministic.
    /// </summary>
    public EngineFit BestFit(Func<int, bool>? training = null)
    {
        int best = -1;
        double bestScore = double.PositiveInfinity;
        for (int k = 0; k < _candidates.Length; k++)
        {
            double score = ValidationScoring.Score(_rows, _simulated[k], training);
            if (score < bestScore)
            {
                best = k;
                bestScore = score;
            }
        }
        if (best < 0)
        {
            throw new InvalidOperationException("no training rows: a fit needs at least one row");
        }
        return new EngineFit(_candidates[best], _simulated[best], ValidationScoring.Score(_rows, _simulated[best]));
    }
}
