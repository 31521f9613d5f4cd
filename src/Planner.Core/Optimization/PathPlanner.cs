namespace Planner.Core.Optimization;

/// <summary>
/// Chooses one configuration per month minimising total cost plus a one-time cost for every
/// change (dynamic programming over months; the state is the configuration in use): moving to
/// other hardware costs the switch cost, changing only engine or autoscaler settings on the same
/// hardware costs the (smaller) retune cost, so the path changes only when the saving over the
/// months that follow pays for the change. Among paths of equal cost (to a relative 1e-9) the
/// one with fewer changes wins, then the earlier choices. A month without choices breaks the
/// path: the months after it start afresh. Totals within the noise of each other count as equal
/// (<c>noiseShare</c>, a month's relative noise, divided by √months for a total over that many
/// months), so that a saving the simulation's noise could account for never decides a change.
/// </summary>
public static class PathPlanner
{
    private const double Tolerance = 1e-9;

    /// <summary>Index into <paramref name="choices"/>[m] for every month m (-1 for a month without choices).</summary>
    /// <param name="choices">Per month: (configuration id, hardware key, cost) of each configuration available.</param>
    /// <param name="switchCostUsd">Cost of changing hardware between consecutive months.</param>
    /// <param name="retuneCostUsd">Cost of changing configuration on the same hardware.</param>
    /// <param name="noiseShare">A month's relative seed-to-seed noise of cost; two totals over n months closer than noiseShare/√n count as equally cheap.</param>
    public static int[] Plan(IReadOnlyList<IReadOnlyList<PathChoice>> choices, double switchCostUsd, double retuneCostUsd = 0, double noiseShare = 0)
    {
        ArgumentNullException.ThrowIfNull(choices);
        int months = choices.Count;
        var total = new (double Cost, int Changes)[months][];
        var back = new int[months][];
        for (int m = 0; m < months; m++)
        {
            IReadOnlyList<PathChoice> c = choices[m];
            total[m] = new (double, int)[c.Count];
            back[m] = new int[c.Count];
            bool linked = m > 0 && choices[m - 1].Count > 0;
            for (int i = 0; i < c.Count; i++)
            {
                if (!linked)
                {
                    total[m][i] = (c[i].CostUsd, 0);
                    back[m][i] = -1;
                    continue;
                }
                IReadOnlyList<PathChoice> p = choices[m - 1];
                int best = -1;
                (double Cost, int Changes) bestValue = (double.PositiveInfinity, int.MaxValue);
                for (int j = 0; j < p.Count; j++)
                {
                    bool same = string.Equals(p[j].Id, c[i].Id, StringComparison.Ordinal);
                    bool sameHardware = string.Equals(p[j].Hardware, c[i].Hardware, StringComparison.Ordinal);
                    double change = same ? 0 : sameHardware ? retuneCostUsd : switchCostUsd;
                    (double Cost, int Changes) value = (total[m - 1][j].Cost + change, total[m - 1][j].Changes + (same ? 0 : 1));
                    if (Better(value, bestValue, noiseShare, m))
                    {
                        best = j;
                        bestValue = value;
                    }
                }
                total[m][i] = (bestValue.Cost + c[i].CostUsd, bestValue.Changes);
                back[m][i] = best;
            }
        }

        var chosen = new int[months];
        Array.Fill(chosen, -1);
        int at = -1;
        for (int m = months - 1; m >= 0; m--)
        {
            if (total[m].Length == 0)
            {
                at = -1;
                continue;
            }
            if (at < 0)
            {
                at = 0;
                for (int i = 1; i < total[m].Length; i++)
                {
                    if (Better(total[m][i], total[m][at], noiseShare, m + 1))
                    {
                        at = i;
                    }
                }
            }
            chosen[m] = at;
            at = back[m][at];
        }
        return chosen;
    }

    /// <summary>
    /// Lower cost beyond the tolerance or the noise; within it, fewer changes (the noise never
    /// buys a change), and with as many changes the lower cost (the noise is no reason to pay
    /// more for the same number of changes); a tie to the tolerance keeps the earlier. The totals
    /// compared span <paramref name="months"/> months, each simulated on its own seeds, so their
    /// relative noise is a month's divided by √months.
    /// </summary>
    private static bool Better((double Cost, int Changes) a, (double Cost, int Changes) b, double noiseShare, int months)
    {
        if (double.IsPositiveInfinity(b.Cost))
        {
            return !double.IsPositiveInfinity(a.Cost) || a.Changes < b.Changes;
        }
        double scale = Math.Max(1, Math.Max(Math.Abs(a.Cost), Math.Abs(b.Cost)));
        double tolerance = Math.Max(Tolerance, noiseShare / Math.Sqrt(Math.Max(1, months))) * scale;
        if (a.Cost < b.Cost - tolerance)
        {
            return true;
        }
        if (Math.Abs(a.Cost - b.Cost) > tolerance)
        {
            return false;
        }
        return a.Changes < b.Changes || (a.Changes == b.Changes && a.Cost < b.Cost - Tolerance * scale);
    }
}
