using System.Globalization;

namespace Planner.Calibration.Validation;

/// <summary>
/// What the efficiency grid searches, and under whose scheduling limits its rows are simulated:
/// by default <see cref="EfficiencyGrid"/>'s ranges with no activation passes, every row under the
/// engine defaults' limits. A screen (<c>planner validate-performance --grid KEY=V1,V2,…
/// --limits own</c>) narrows or widens a dimension, fits the activation passes, or simulates each
/// row under its own engine's limits (<see cref="PublishedMeasurement.EngineProfile"/>), so that
/// every screen calibration/VALIDATION.md reports can be rerun from the repository. Within a
/// dimension the order is kept: ties on the grid keep the first value.
/// </summary>
public sealed record ValidationGrid
{
    /// <summary>The keys <see cref="Parse"/> accepts, as the scenario's engine block names the same settings.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["compute_efficiency", "memory_efficiency", "step_overhead_ms", "pcie_all_reduce_efficiency", "tp_attention_serial_share", "activation_passes"];

    public IReadOnlyList<double> ComputeEfficiencies { get; init; } = EfficiencyGrid.ComputeEfficiencies;
    public IReadOnlyList<double> MemoryEfficiencies { get; init; } = EfficiencyGrid.MemoryEfficiencies;
    public IReadOnlyList<double> StepOverheadsMs { get; init; } = EfficiencyGrid.StepOverheadsMs;
    public IReadOnlyList<double> PcieAllReduceEfficiencies { get; init; } = EfficiencyGrid.PcieAllReduceEfficiencies;
    public IReadOnlyList<double> TensorParallelAttentionSerialShares { get; init; } = EfficiencyGrid.TensorParallelAttentionSerialShares;

    /// <summary>Activation passes searched (<see cref="Planner.Core.Specs.ServingEngineSpec.ActivationPasses"/>); none by default.</summary>
    public IReadOnlyList<double> ActivationPasses { get; init; } = [0.0];

    /// <summary>Whether the grid's rows run under each row's own engine's scheduling limits instead of the engine defaults'.</summary>
    public bool OwnEngineLimits { get; init; }

    /// <summary>The grid <c>planner validate-performance</c> searches without options.</summary>
    public static ValidationGrid Default { get; } = new();

    /// <summary>Whether the activation passes are searched (anything but none).</summary>
    public bool SearchesActivationPasses => ActivationPasses.Any(p => p != 0);

    /// <summary>Grid points: the product of the dimensions' sizes.</summary>
    public int Points => ComputeEfficiencies.Count * MemoryEfficiencies.Count * StepOverheadsMs.Count
        * PcieAllReduceEfficiencies.Count * TensorParallelAttentionSerialShares.Count * ActivationPasses.Count;

    /// <summary>
    /// The default grid with <paramref name="assignments"/> (each <c>KEY=V1,V2,…</c>, one of
    /// <see cref="Keys"/>) put in place of its dimensions and <paramref name="limits"/>
    /// (<c>default</c> or <c>own</c>); null with the problems in <paramref name="errors"/>, each
    /// saying what is wrong and what is allowed.
    /// </summary>
    public static ValidationGrid? Parse(IEnumerable<string> assignments, string limits, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        ValidationGrid grid = Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? assignment.Trim() : assignment[..eq].Trim();
            if (eq < 0 || !Keys.Contains(key))
            {
                errors.Add($"error: --grid '{assignment}' must be KEY=V1,V2,… with KEY one of {string.Join(", ", Keys)}");
                continue;
            }
            if (!seen.Add(key))
            {
                errors.Add($"error: --grid sets {key} twice; give each dimension once");
                continue;
            }
            (Func<double, bool> allowed, string range) = key switch
            {
                "step_overhead_ms" => ((Func<double, bool>)(v => v >= 0 && v <= 1000), "0 to 1000"),
                "tp_attention_serial_share" => (v => v >= 0 && v < 1, "0 <= x < 1"),
                "activation_passes" => (v => v >= 0 && v <= Planner.Core.Serving.RooflinePerformanceProfile.MaxActivationPasses, $"0 to {Planner.Core.Serving.RooflinePerformanceProfile.MaxActivationPasses}"),
                _ => (v => v > 0 && v <= 1, "0 < x <= 1"),
            };
            var values = new List<double>();
            foreach (string text in assignment[(eq + 1)..].Split(','))
            {
                if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !allowed(v))
                {
                    errors.Add($"error: --grid {key}: '{text.Trim()}' is not a number in {range}");
                }
                else if (values.Contains(v))
                {
                    errors.Add($"error: --grid {key}: {text.Trim()} is given twice");
                }
                else
                {
                    values.Add(v);
                }
            }
            grid = key switch
            {
                "compute_efficiency" => grid with { ComputeEfficiencies = values },
                "memory_efficiency" => grid with { MemoryEfficiencies = values },
                "step_overhead_ms" => grid with { StepOverheadsMs = values },
                "pcie_all_reduce_efficiency" => grid with { PcieAllReduceEfficiencies = values },
                "tp_attention_serial_share" => grid with { TensorParallelAttentionSerialShares = values },
                _ => grid with { ActivationPasses = values },
            };
        }
        switch (limits)
        {
            case "default":
                break;
            case "own":
                grid = grid with { OwnEngineLimits = true };
                break;
            default:
                errors.Add($"error: --limits '{limits}' must be default (every row under the engine defaults' scheduling limits) or own (each row under its own engine's)");
                break;
        }
        return errors.Count > before ? null : grid;
    }
}
