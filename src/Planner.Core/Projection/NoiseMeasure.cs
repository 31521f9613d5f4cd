using System.Globalization;

namespace Planner.Core.Projection;

/// <summary>
/// The simulation's own noise in an option's figures: in each noise-check month the month was
/// simulated twice with independent seeds, and the spread of two figures a and b is
/// |a − b| / ((a + b) / 2). Cost is the simulated cost (fixed costs left out, as they carry no noise).
/// </summary>
/// <param name="CheckedMonths">The noise-check months (1-based).</param>
/// <param name="MedianCostSpread">Median over those months of the simulated cost's spread; null when none was measured.</param>
/// <param name="MaxCostSpread">Largest of them.</param>
/// <param name="MedianTtftP95Spread">Median spread of p95 TTFT (months where both seeds have one).</param>
/// <param name="MaxTtftP95Spread">Largest of them.</param>
public sealed record NoiseMeasure(IReadOnlyList<int> CheckedMonths, double? MedianCostSpread, double? MaxCostSpread, double? MedianTtftP95Spread, double? MaxTtftP95Spread)
{
    /// <summary>Largest median seed-to-seed spread of a month's cost a run accepts without a warning.</summary>
    public const double CostTarget = 0.02;

    /// <summary>The option's noise; null when no month was simulated twice.</summary>
    public static NoiseMeasure? Of(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var checkedMonths = option.Months.Where(m => m.Replicates.Count > 1).ToList();
        if (checkedMonths.Count == 0)
        {
            return null;
        }
        List<double> cost = [.. checkedMonths.Select(m => Spread(m.Replicates[0].SimulatedCostUsd, m.Replicates[1].SimulatedCostUsd)).Order()];
        List<double> ttft = [.. checkedMonths.Where(m => double.IsFinite(m.Replicates[0].TtftP95Ms) && double.IsFinite(m.Replicates[1].TtftP95Ms))
            .Select(m => Spread(m.Replicates[0].TtftP95Ms, m.Replicates[1].TtftP95Ms)).Order()];
        return new NoiseMeasure([.. checkedMonths.Select(m => m.Month)], Median(cost), cost.Count > 0 ? cost[^1] : null, Median(ttft), ttft.Count > 0 ? ttft[^1] : null);
    }

    /// <summary>
    /// A warning for every option whose median cost spread is over <see cref="CostTarget"/>, naming
    /// the days per month that would bring it under (noise falls with the square root of the days).
    /// </summary>
    public static IReadOnlyList<string> Warnings(int daysPerMonth, IReadOnlyList<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        foreach (OptionProjection o in options)
        {
            if (Of(o)?.MedianCostSpread is double spread && spread > CostTarget)
            {
                int days = (int)Math.Ceiling(daysPerMonth * (spread / CostTarget) * (spread / CostTarget) - 1e-9);
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{o.Name}: the simulation's own seed-to-seed noise in a month's cost is {spread * 100:0.0}% (median over the noise-check months), above the {CostTarget * 100:0}% target, and differences between options smaller than that are within it; ")
                    + string.Create(CultureInfo.InvariantCulture,
                    $"simulation: {{days_per_month: {Math.Min(days, 16)}}} (now {daysPerMonth}) would bring it to about {CostTarget * 100:0}%, at {Math.Min(days, 16) / (double)daysPerMonth:0.#} × the simulation time."));
            }
        }
        return warnings;
    }

    private static double Spread(double a, double b) => a + b > 0 ? Math.Abs(a - b) / ((a + b) / 2) : 0;

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
