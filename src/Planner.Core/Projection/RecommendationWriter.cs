using System.Globalization;
using Planner.Core.Formatting;

namespace Planner.Core.Projection;

/// <summary>
/// Picks the cheapest option over the horizon among those that meet the SLO every month
/// (or the cheapest overall, with a warning, when none does) and explains the choice.
/// </summary>
public static class RecommendationWriter
{
    public static Recommendation Write(IReadOnlyList<OptionProjection> options, OptionProjection baseline, IReadOnlyList<BreakEvenResult> breakEven)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(breakEven);
        var viable = options.Where(o => o.MeetsSloThroughout).ToList();
        bool anyViable = viable.Count > 0;
        OptionProjection best = (anyViable ? viable : [.. options]).MinBy(o => o.TotalCostUsd)!;
        int horizon = best.Months.Count;
        var sentences = new List<string>();
        string total = Usd(best.TotalCostUsd);
        if (best == baseline)
        {
            sentences.Add(F($"Recommend {best.Name}: at {total} over {horizon} months it is the cheapest option{(anyViable ? " that meets the SLO every month" : "")}."));
            OptionProjection? runnerUp = options.Where(o => o != best && (!anyViable || o.MeetsSloThroughout)).MinBy(o => o.TotalCostUsd);
            if (runnerUp is not null)
            {
                BreakEvenResult r = breakEven.First(b => b.Option == runnerUp.Name);
                sentences.Add(F($"The next best, {runnerUp.Name}, would cost {Usd(runnerUp.TotalCostUsd)} ({Percent(runnerUp.TotalCostUsd / best.TotalCostUsd - 1)} more)") +
                    (r.CrossoverRequestsPerDay is double v ? F($"; its monthly cost falls below {best.Name}'s at about {Count(v)} requests/day.") : "."));
            }
        }
        else
        {
            BreakEvenResult r = breakEven.First(b => b.Option == best.Name);
            if (r.SavingsAtHorizonUsd >= 0)
            {
                sentences.Add(F($"Recommend {best.Name}: {total} over {horizon} months against {Usd(baseline.TotalCostUsd)} for the baseline {baseline.Name}, a saving of {Usd(r.SavingsAtHorizonUsd)} ({Percent(r.SavingsAtHorizonUsd / baseline.TotalCostUsd)})."));
            }
            else
            {
                int misses = baseline.Months.Count(m => !m.SloMet);
                sentences.Add(F($"Recommend {best.Name}: at {total} over {horizon} months it is the cheapest option that meets the SLO every month."));
                sentences.Add(F($"The baseline {baseline.Name} would cost {Usd(-r.SavingsAtHorizonUsd)} less ({Usd(baseline.TotalCostUsd)}) but misses the SLO in {misses} of {horizon} months."));
            }
            if (r.Month is int m && r.CalendarMonth is DateOnly when)
            {
                sentences.Add(F($"It breaks even in month {m} ({when:yyyy-MM}), once one-time costs are repaid."));
            }
            if (r.CrossoverRequestsPerDay is double v)
            {
                sentences.Add(F($"Its monthly cost drops below the baseline's at about {Count(v)} requests/day."));
            }
            else if (r.Crossover == CrossoverStatus.CheaperThroughout)
            {
                sentences.Add(F($"It is cheaper per month than the baseline from month 1."));
            }
        }
        MonthlyOutcome first = best.Months[0], last = best.Months[^1];
        sentences.Add(F($"Cost per 1K requests goes from {Usd2(first.CostPerThousandRequestsUsd)} in month 1 to {Usd2(last.CostPerThousandRequestsUsd)} in month {horizon}; p95 TTFT at the horizon is {FigureFormat.Ms(last.TtftP95Ms)} with {Percent(last.SloAttainment)} of requests within the SLO."));
        if (!anyViable)
        {
            sentences.Add("No option meets the SLO in every month: revisit capacity, limits or targets before deciding.");
        }
        return new Recommendation { OptionName = best.Name, Sentences = sentences };
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // The same text for each figure as the console table and the report cards (one formatter per kind).
    private static string Usd(double v) => FigureFormat.Usd(v);

    private static string Usd2(double v) => FigureFormat.UsdPrecise(v);

    private static string Count(double v) => FigureFormat.Count(v);

    private static string Percent(double v) => FigureFormat.Percent(v);
}
