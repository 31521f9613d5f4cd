using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// Every published row simulated at every point of a grid of compute efficiency × memory
/// efficiency × step overhead × PCIe all-reduce efficiency. The grid is simulated once; fits on
/// any subset of the rows (all of them, or all but one source for cross-validation) then only
/// pick a point. Only rows that all-reduce over PCIe depend on the last dimension, so every other
/// row is simulated once per point of the first three and its value shared along it.
/// </summary>
public sealed class EfficiencyGrid
{
    /// <summary>
    /// Compute efficiencies searched, 0.3 to 0.8 in steps of 0.05: they bracket what whole steps reach
    /// in practice. Steps of 0.1 (until 2026-12-06) left the fit's optimum between points: with them
    /// the held-out median errors were 11.5% by source and 10.6% by GPU, with these 10.3% and 10.2%.
    /// </summary>
    public static IReadOnlyList<double> ComputeEfficiencies { get; } = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

    /// <summary>Memory efficiencies searched (steps of 0.05).</summary>
    public static IReadOnlyList<double> MemoryEfficiencies { get; } = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

    /// <summary>
    /// Step overheads searched, ms: half a millisecond apart where serving engines' per-step CPU cost
    /// lies, coarser above. The grid (495 settings × every row, and 6 PCIe all-reduce efficiencies
    /// for the rows that depend on one) takes most of the command's eight minutes on two cores.
    /// </summary>
    public static IReadOnlyList<double> StepOverheadsMs { get; } = [0, 0.5, 1, 2, 3];

    /// <summary>
    /// PCIe all-reduce efficiencies searched, the datasheet's full link first: a fit on rows none of
    /// which all-reduces over PCIe cannot tell them apart, and ties keep the first.
    /// </summary>
    public static IReadOnlyList<double> PcieAllReduceEfficiencies { get; } = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3];

    private readonly IReadOnlyList<PublishedMeasurement> _rows;
    private readonly ServingEngineSpec[] _candidates;
    private readonly double[][] _simulated;

    private EfficiencyGrid(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec[] candidates, double[][] simulated)
    {
        _rows = rows;
        _candidates = candidates;
        _simulated = simulated;
    }

    /// <summary>Engine settings on the grid, compute-major, then memory, then overhead, then PCIe all-reduce efficiency.</summary>
    public IReadOnlyList<ServingEngineSpec> Candidates => _candidates;

    /// <summary>Simulates every row at every grid point; <paramref name="defaults"/> supplies everything but the four fitted numbers.</summary>
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
                    foreach (double p in PcieAllReduceEfficiencies)
                    {
                        candidates.Add(defaults with { ComputeEfficiency = c, MemoryEfficiency = mem, StepOverheadMs = o, PcieAllReduceEfficiency = p });
                    }
                }
            }
        }
        bool[] dependsOnPcie = [.. rows.Select(AllReducesOverPcie)];
        int perPoint = PcieAllReduceEfficiencies.Count;
        var simulated = new double[candidates.Count][];
        Parallel.For(0, candidates.Count / perPoint, point =>
        {
            int first = point * perPoint;
            var shared = new double[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                shared[i] = ValidationSimulator.Simulate(rows[i], candidates[first]);
            }
            simulated[first] = shared;
            for (int k = first + 1; k < first + perPoint; k++)
            {
                var values = (double[])shared.Clone();
                for (int i = 0; i < rows.Count; i++)
                {
                    if (dependsOnPcie[i])
                    {
                        values[i] = ValidationSimulator.Simulate(rows[i], candidates[k]);
                    }
                }
                simulated[k] = values;
            }
        });
        return new EfficiencyGrid(rows, [.. candidates], simulated);
    }

    /// <summary>Whether <paramref name="row"/>'s step times depend on the PCIe all-reduce efficiency: several PCIe GPUs per replica whose all-reduces the catalog has not measured.</summary>
    public static bool AllReducesOverPcie(PublishedMeasurement row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.TensorParallel > 1 && TensorParallelCost.IsPcie(row.Gpu) && TensorParallelCost.FitRing(row.Gpu.AllReduceTimings) is null;
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
