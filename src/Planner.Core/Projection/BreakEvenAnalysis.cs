namespace Planner.Core.Projection;

/// <summary>Break-even month and crossover volume of one option against a baseline.</summary>
public static class BreakEvenAnalysis
{
    /// <summary>
    /// <see cref="MonthlyTie"/> of <paramref name="option"/> and <paramref name="baseline"/>, the one
    /// that costs less per month at the horizon first (the option on a tie); null when the run
    /// measured no noise or the two cost the same at the horizon.
    /// </summary>
    public static MonthlyTie? TieAgainst(OptionProjection option, OptionProjection baseline)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(baseline);
        int n = Math.Min(option.Months.Count, baseline.Months.Count);
        return n == 0 ? null : option.Months[n - 1].Cost.CogsUsd <= baseline.Months[n - 1].Cost.CogsUsd
            ? MonthlyTie.Of(option, baseline)
            : MonthlyTie.Of(baseline, option);
    }

    public static BreakEvenResult Compare(OptionProjection option, OptionProjection baseline)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(baseline);
        IReadOnlyList<double> mine = option.CumulativeCostUsd();
        IReadOnlyList<double> theirs = baseline.CumulativeCostUsd();
        int n = mine.Count;
        int? month = null;
        for (int i = n - 1; i >= 0 && mine[i] <= theirs[i]; i--)
        {
            month = i + 1;
        }

        // The crossing that holds: the last one, after which the option stays at or below the
        // baseline's monthly cost to the horizon but for ties within the noise (the same month the
        // best alternative is "cheaper from"); an earlier crossing that a price change or a step in
        // the fleet undoes beyond the noise is not a crossover.
        CrossoverStatus status = CrossoverStatus.NeverWithinHorizon;
        double? crossover = null;
        if (CostCrossing.First(option, baseline, sameCounts: true, out double? volume) is int first)
        {
            status = first == 0 ? CrossoverStatus.CheaperThroughout : CrossoverStatus.Crosses;
            crossover = volume;
        }
        return new BreakEvenResult
        {
            Option = option.Name,
            Baseline = baseline.Name,
            Month = month,
            CalendarMonth = month is int m ? option.Months[m - 1].CalendarMonth : null,
            CrossoverRequestsPerDay = crossover,
            Crossover = status,
            SavingsAtHorizonUsd = n == 0 ? 0 : theirs[n - 1] - mine[n - 1],
        };
    }
}
