using System.Globalization;

namespace Planner.Core.Projection;

/// <summary>
/// Where "<c>cheaper</c> costs less per month from month F" rests on differences the simulation's
/// own noise can make: the months about the crossing, and after it, in which the two monthly costs
/// (COGS) differ by less than <see cref="NoiseMeasure.MonthlyDifferenceNoiseUsd"/>. Another seed
/// may turn any of them either way, so the recommendation and the report cards name them as a tie
/// on cost (<see cref="Sentence(IReadOnlyList{string}, bool, string)"/>). When this was written, document-extraction's hybrid cost $194.63 less than
/// the same H100 fleet without its API in the first month, against a noise of ±$1,445 (its
/// example's figures have moved since; reports/README.md quotes the current ones): "costs less in
/// every month" was the point estimate, not a finding.
/// <para>
/// The months considered run from the first month after which <c>cheaper</c> never costs more by
/// more than the noise, to the first month from which it costs less by more than the noise in every
/// month to the horizon (<see cref="ClearlyCheaperFromMonth"/>); a tie far from the crossing, in a
/// month the other option is clearly cheaper before and after, is not part of the claim.
/// </para>
/// </summary>
/// <param name="Months">The calendar months within the noise, in order; empty when none is.</param>
/// <param name="ClearlyCheaperFromMonth">First month (1-based) from which the cheaper option costs less by more than the noise in every month to the horizon; null when even the horizon's month is within it.</param>
/// <param name="IncludesHorizon">Whether the last month is among <paramref name="Months"/>: which of the two costs less per month at the end is itself a tie.</param>
/// <param name="Cheaper">The option of the pair that costs less per month at the horizon: the one <paramref name="ClearlyCheaperFromMonth"/> speaks of.</param>
public sealed record MonthlyTie(ValueList<DateOnly> Months, int? ClearlyCheaperFromMonth, bool IncludesHorizon, string Cheaper)
{
    /// <summary>
    /// The tie between <paramref name="cheaper"/>, the option that costs less per month at the
    /// horizon, and <paramref name="dearer"/>; null when either option's noise was not measured or
    /// the two cost exactly the same at the horizon.
    /// </summary>
    public static MonthlyTie? Of(OptionProjection cheaper, OptionProjection dearer)
    {
        ArgumentNullException.ThrowIfNull(cheaper);
        ArgumentNullException.ThrowIfNull(dearer);
        if (NoiseMeasure.MonthlyDifferenceNoiseUsd(cheaper, dearer) is not { Count: > 0 } noise)
        {
            return null;
        }
        int n = noise.Count;
        double Diff(int i) => cheaper.Months[i].Cost.CogsUsd - dearer.Months[i].Cost.CogsUsd;
        if (Diff(n - 1) == 0)
        {
            return null;
        }
        int never = n;
        while (never > 0 && Diff(never - 1) <= noise[never - 1])
        {
            never--;
        }
        int clearly = n;
        while (clearly > 0 && -Diff(clearly - 1) > noise[clearly - 1])
        {
            clearly--;
        }
        var months = new List<DateOnly>();
        for (int i = never; i < Math.Max(never, clearly); i++)
        {
            if (Math.Abs(Diff(i)) <= noise[i])
            {
                months.Add(cheaper.Months[i].CalendarMonth);
            }
        }
        return new MonthlyTie(new ValueList<DateOnly>(months), clearly < n ? clearly + 1 : null, clearly == n, cheaper.Name);
    }

    /// <summary>
    /// "In 2027-01, 2027-02, 2027-07 and 2027-08 the two monthly costs differ by less than the
    /// simulation's noise: a tie on cost in those months." — with ", the last one included, so
    /// which costs less per month at the horizon is a tie too" where the horizon's month is one;
    /// null when no month is within the noise. Months as yyyy-MM (as summary.json keeps them);
    /// <paramref name="subject"/> names the pair where "the two" would not say which.
    /// </summary>
    public static string? Sentence(IReadOnlyList<string> months, bool includesHorizon, string subject = "the two monthly costs")
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(months);
        if (months.Count == 0)
        {
            return null;
        }
        string which = months.Count == 1 ? "that month" : "those months";
        string horizon = includesHorizon
            ? months.Count == 1 ? ", the last month, so which of the two costs less per month at the horizon is a tie too" : ", the last one included, so which of the two costs less per month at the horizon is a tie too"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"In {SloMisses.List(months)} {subject} differ by less than the simulation's noise: a tie on cost in {which}{horizon}.");
    }

    /// <summary><see cref="Sentence(IReadOnlyList{string}, bool, string)"/> of this tie.</summary>
    public string? Sentence() => Sentence([.. Months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture))], IncludesHorizon);
}
