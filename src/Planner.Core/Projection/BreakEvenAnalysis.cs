namespace Planner.Core.Projection;

/// <summary>Break-even month and crossover volume of one option against a baseline.</summary>
public static class BreakEvenAnalysis
{
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

        CrossoverStatus status = CrossoverStatus.NeverWithinHorizon;
        double? crossover = null;
        double Diff(int i) => option.Months[i].Cost.CogsUsd - baseline.Months[i].Cost.CogsUsd;
        if (n > 0 && Diff(0) <= 0)
        {
            status = CrossoverStatus.CheaperThroughout;
        }
        else
        {
            for (int i = 1; i < n; i++)
            {
                double before = Diff(i - 1), after = Diff(i);
                if (before > 0 && after <= 0)
                {
                    double v0 = option.Months[i - 1].RequestsPerDay, v1 = option.Months[i].RequestsPerDay;
                    crossover = v0 + (v1 - v0) * before / (before - after);
                    status = CrossoverStatus.Crosses;
                    break;
                }
            }
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
