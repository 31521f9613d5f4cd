using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// The seed-to-seed spread of an option's figures: in each noise-check month the month was
/// simulated again with other seeds, and the relative difference between the two runs is taken
/// for the simulated cost (GPU or API charges, without fixed costs) and for the latency percentiles
/// the SLO judges (p95 TTFT, p95 TPOT, p99 end-to-end).
/// </summary>
/// <param name="CheckedMonths">The 1-based months simulated twice.</param>
/// <param name="MedianCostSpread">Median over those months of |a − b| / mean of the simulated cost.</param>
/// <param name="MaxCostSpread">Largest of them.</param>
/// <param name="MedianTtftP95Spread">The same for p95 TTFT.</param>
/// <param name="MaxTtftP95Spread">Largest of them.</param>
public sealed record NoiseSection(IReadOnlyList<int> CheckedMonths, double? MedianCostSpread, double? MaxCostSpread, double? MedianTtftP95Spread, double? MaxTtftP95Spread)
{
    /// <summary>
    /// Relative standard deviation of one month's simulated cost, pooled over the checked months
    /// whose cost moved: √(Σ spread² / 2 / <see cref="MovingMonths"/>), as two independent runs
    /// differ by √2 of one's deviation. With several independent days a month, their spread joins
    /// it: √((Σ spread² / 2 + Σ over months Σᵢ ((cᵢ − c̄) / c̄)² / d) / (<see cref="MovingMonths"/> +
    /// <see cref="DayDegreesOfFreedom"/>)), cᵢ a month's <c>day_simulated_costs_usd</c> and c̄ their mean.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MonthlyCostSd { get; init; }

    /// <summary>Standard deviation of the option's total over the horizon from that noise (months are seeded independently), in USD.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TotalCostSdUsd { get; init; }

    /// <summary>Largest spread of p95 TPOT over the checked months (absent where the run measured none, as in summaries written before 2026-12-05).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxTpotP95Spread { get; init; }

    /// <summary>The checked months whose simulated cost moved between the seeds, from which <see cref="MonthlyCostSd"/> is estimated (absent in summaries written before 2026-12-06).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MovingMonths { get; init; }

    /// <summary>
    /// With several independent days a month (<c>days_per_month</c> d above 1), the degrees of
    /// freedom they add to <see cref="MonthlyCostSd"/>'s estimate: d − 1 for each month whose days'
    /// costs were not all alike (absent with one day a month, and in summaries written before 2026-12-06).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DayDegreesOfFreedom { get; init; }

    /// <summary>
    /// The degrees of freedom <see cref="MonthlyCostSd"/>'s estimate is worth where its parts (the
    /// checked pairs together, each month's days) measured unlike noise (Satterthwaite:
    /// (Σ Qₖ)² / Σ (Qₖ² / νₖ)), at most <see cref="MovingMonths"/> + <see cref="DayDegreesOfFreedom"/>:
    /// the upper 90% confidence bound of σ at which two totals are judged a tie is taken at it (month by month, at the sum). Absent where σ is
    /// zero or was not measured, and in summaries written before 2026-12-07 (which took the bound at
    /// the sum).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? EffectiveDegreesOfFreedom { get; init; }

    /// <summary>The degrees of freedom the upper bound of σ is taken at: <see cref="EffectiveDegreesOfFreedom"/>, else (older summaries) the checked pairs that moved and the days' (<paramref name="checkedMonths"/> where the pairs that moved were not recorded).</summary>
    public double BoundDegreesOfFreedom(int checkedMonths) => EffectiveDegreesOfFreedom ?? (MovingMonths ?? checkedMonths) + (DayDegreesOfFreedom ?? 0);

    /// <summary>Largest spread of p99 end-to-end latency over the checked months (absent where none was measured).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxE2eP99Spread { get; init; }
}
