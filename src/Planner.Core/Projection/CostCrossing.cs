namespace Planner.Core.Projection;

/// <summary>
/// The month from which one option stays the cheaper per month to the horizon, and the daily volume
/// at which the two monthly costs (COGS) cross there. A month in which the cheaper one costs more by
/// less than the simulation's noise (<see cref="NoiseMeasure.MonthlyDifferenceNoiseUsd"/>) does not
/// undo the claim, as <see cref="MonthlyTie"/> names it a tie: at a second seed of
/// document-extraction a hybrid that cost $1,549 less in its first month and $11 more in its
/// second (a tie) was said to cost less "every month from month 3", which reads as dearer in
/// months 1 and 2. Where the noise was not measured, every month counts as it is.
/// </summary>
public static class CostCrossing
{
    /// <summary>
    /// The 0-based first month from which <paramref name="cheaper"/> costs less per month (or the
    /// same, where <paramref name="sameCounts"/>) in every month to the horizon but the ties within
    /// the noise, and always in that first month itself; null when it does not at the horizon.
    /// <paramref name="requestsPerDay"/> is where the costs cross, interpolated between the month
    /// before and that month; null when it is the first month.
    /// </summary>
    public static int? First(OptionProjection cheaper, OptionProjection dearer, bool sameCounts, out double? requestsPerDay)
    {
        ArgumentNullException.ThrowIfNull(cheaper);
        ArgumentNullException.ThrowIfNull(dearer);
        requestsPerDay = null;
        int n = Math.Min(cheaper.Months.Count, dearer.Months.Count);
        double Diff(int i) => cheaper.Months[i].Cost.CogsUsd - dearer.Months[i].Cost.CogsUsd;
        bool Cheaper(int i) => sameCounts ? Diff(i) <= 0 : Diff(i) < 0;
        if (n == 0 || !Cheaper(n - 1))
        {
            return null;
        }
        IReadOnlyList<double>? noise = NoiseMeasure.MonthlyDifferenceNoiseUsd(cheaper, dearer);
        bool Tie(int i) => noise is not null && i < noise.Count && Diff(i) <= noise[i];
        int first = n - 1;
        while (first > 0 && (Cheaper(first - 1) || Tie(first - 1)))
        {
            first--;
        }
        // The claim starts in a month it holds: ties at its start belong to the crossing, not after it.
        while (!Cheaper(first))
        {
            first++;
        }
        if (first > 0)
        {
            double before = Diff(first - 1), after = Diff(first);
            double v0 = cheaper.Months[first - 1].RequestsPerDay, v1 = cheaper.Months[first].RequestsPerDay;
            requestsPerDay = before - after > 0 ? v0 + (v1 - v0) * before / (before - after) : v1;
        }
        return first;
    }
}
