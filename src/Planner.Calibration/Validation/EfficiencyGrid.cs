using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// Every published row simulated at every point of a grid of compute efficiency × memory
/// efficiency × step overhead × PCIe all-reduce efficiency × tensor-parallel attention serial
/// share. The grid is simulated once; fits on any subset of the rows (all of them, or all but one
/// source for cross-validation) then only pick a point. A row is simulated once for each
/// combination of the settings its step times depend on: the last two only for tensor-parallel
/// rows, the PCIe all-reduce efficiency only for rows that all-reduce over PCIe; the other points
/// share its value.
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
    /// lies, coarser above.
    /// </summary>
    public static IReadOnlyList<double> StepOverheadsMs { get; } = [0, 0.5, 1, 2, 3];

    /// <summary>
    /// PCIe all-reduce efficiencies searched, the datasheet's full link first: a fit on rows none of
    /// which all-reduces over PCIe cannot tell them apart, and ties keep the first.
    /// </summary>
    public static IReadOnlyList<double> PcieAllReduceEfficiencies { get; } = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3];

    /// <summary>
    /// Tensor-parallel attention serial shares searched (<see cref="ServingEngineSpec.TensorParallelAttentionSerialShare"/>),
    /// none first: a fit on rows of one GPU each cannot tell them apart, and ties keep the first.
    /// </summary>
    public static IReadOnlyList<double> TensorParallelAttentionSerialShares { get; } = [0, 0.1, 0.2];

    private readonly IReadOnlyList<PublishedMeasurement> _rows;
    private readonly ServingEngineSpec[] _candidates;
    private readonly double[][] _simulated;

    private EfficiencyGrid(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec[] candidates, double[][] simulated, ValidationGrid grid)
    {
        _rows = rows;
        _candidates = candidates;
        _simulated = simulated;
        Grid = grid;
    }

    /// <summary>What was searched, and under whose limits.</summary>
    public ValidationGrid Grid { get; }

    /// <summary>Engine settings on the grid, compute-major, then memory, overhead, PCIe all-reduce efficiency, attention serial share and activation passes.</summary>
    public IReadOnlyList<ServingEngineSpec> Candidates => _candidates;

    /// <summary>Each row's simulated value at grid point <paramref name="point"/> (an index into <see cref="Candidates"/>).</summary>
    public IReadOnlyList<double> ValuesAt(int point) => _simulated[point];

    /// <summary>
    /// Simulates every row at every point of <paramref name="grid"/> (<see cref="ValidationGrid.Default"/>
    /// when null); <paramref name="defaults"/> supplies everything but the fitted numbers.
    /// </summary>
    public static EfficiencyGrid Simulate(IReadOnlyList<PublishedMeasurement> rows, ServingEngineSpec defaults, ValidationGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(defaults);
        grid ??= ValidationGrid.Default;
        var candidates = new List<ServingEngineSpec>();
        foreach (double c in grid.ComputeEfficiencies)
        {
            foreach (double mem in grid.MemoryEfficiencies)
            {
                foreach (double o in grid.StepOverheadsMs)
                {
                    foreach (double p in grid.PcieAllReduceEfficiencies)
                    {
                        foreach (double a in grid.TensorParallelAttentionSerialShares)
                        {
                            foreach (double passes in grid.ActivationPasses)
                            {
                                candidates.Add(defaults with { ComputeEfficiency = c, MemoryEfficiency = mem, StepOverheadMs = o, PcieAllReduceEfficiency = p, TensorParallelAttentionSerialShare = a, ActivationPasses = passes });
                            }
                        }
                    }
                }
            }
        }
        // Each row is simulated once per distinct setting of what it depends on; the grid points
        // that differ only in what it does not depend on share that value.
        var distinct = new Dictionary<(int Row, ServingEngineSpec Engine), int>();
        var runs = new List<(int Row, ServingEngineSpec Engine)>();
        var slot = new int[candidates.Count][];
        bool[] pcie = [.. rows.Select(AllReducesOverPcie)];
        for (int k = 0; k < candidates.Count; k++)
        {
            slot[k] = new int[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                ServingEngineSpec e = candidates[k];
                ServingEngineSpec relevant = defaults with
                {
                    ComputeEfficiency = e.ComputeEfficiency,
                    MemoryEfficiency = e.MemoryEfficiency,
                    StepOverheadMs = e.StepOverheadMs,
                    ActivationPasses = e.ActivationPasses,
                    PcieAllReduceEfficiency = pcie[i] ? e.PcieAllReduceEfficiency : defaults.PcieAllReduceEfficiency,
                    TensorParallelAttentionSerialShare = rows[i].TensorParallel > 1 ? e.TensorParallelAttentionSerialShare : defaults.TensorParallelAttentionSerialShare,
                };
                if (!distinct.TryGetValue((i, relevant), out int run))
                {
                    run = runs.Count;
                    distinct.Add((i, relevant), run);
                    runs.Add((i, relevant));
                }
                slot[k][i] = run;
            }
        }
        var values = new double[runs.Count];
        Parallel.For(0, runs.Count, r => values[r] = ValidationSimulator.Simulate(rows[runs[r].Row], runs[r].Engine, grid.OwnEngineLimits));
        var simulated = new double[candidates.Count][];
        for (int k = 0; k < candidates.Count; k++)
        {
            simulated[k] = new double[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                simulated[k][i] = values[slot[k][i]];
            }
        }
        return new EfficiencyGrid(rows, [.. candidates], simulated, grid);
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
