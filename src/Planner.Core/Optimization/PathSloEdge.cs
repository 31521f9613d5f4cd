using System.Globalization;
using Planner.Core.Formatting;
using Planner.Core.Metrics;

namespace Planner.Core.Optimization;

/// <summary>
/// Months of a search's path whose configuration meets the SLO by less than the search's own
/// seed-to-seed noise: another seed may find them missing it. The noise of a percentile is its
/// spread over the levels' cheapest configurations simulated again on other traffic, at the
/// <see cref="Optimizer.NoiseQuantile"/> quantile over the levels as the cost's noise is, and at least <see cref="Resolution"/>, the width of a latency histogram's bucket. The console and
/// the reports (from optimization.json) say it in the same words.
/// </summary>
public static class PathSloEdge
{
    /// <summary>The relative width of a latency histogram's bucket: no spread is measured finer.</summary>
    public const double Resolution = 2 * LatencyHistogram.RelativeAccuracy;

    /// <summary>
    /// A path month as the verification simulated it at the month's own volume (latencies in ms, NaN
    /// when not measured), with the same percentiles under its second set of draws where there is one.
    /// </summary>
    public readonly record struct Month(string CalendarMonth, double TtftP95Ms, double TpotP95Ms, double E2eP99Ms, bool SloMet,
        double SecondTtftP95Ms = double.NaN, double SecondTpotP95Ms = double.NaN, double SecondE2eP99Ms = double.NaN);

    /// <summary>The SLO's targets (null where not set) and the search's largest spread of each percentile (null where not measured).</summary>
    public readonly record struct Targets(double? TtftP95Ms, double? TpotP95Ms, double? E2eP99Ms, double? TtftSpread, double? TpotSpread, double? E2eSpread);

    /// <summary>
    /// "2 of the path's 36 months meet the SLO by less than …", or null when none does. A month's
    /// percentile is at the edge when its margin under the target (under the worse of its two sets
    /// of draws, where it has a second) is smaller than the larger of the
    /// search's spread and the month's own (its two sets of draws apart): at 10× chat-seed-stage's
    /// traffic a month at 1,290 ms against 1,500 ms sat 14% under the target, inside the search's
    /// spread by no measure, while its second set of draws put it at 306 ms.
    /// </summary>
    public static string? Sentence(IReadOnlyList<Month> path, Targets targets)
    {
        ArgumentNullException.ThrowIfNull(path);
        var edges = new List<(Month Month, string Name, double Measured, double Second, double Target, double Margin, double Spread, bool Own)>();
        foreach (Month m in path.Where(m => m.SloMet))
        {
            var margins = new (string Name, double? Target, double Measured, double Second, double? Spread)[]
            {
                ("p95 TTFT", targets.TtftP95Ms, m.TtftP95Ms, m.SecondTtftP95Ms, targets.TtftSpread),
                ("p95 time per output token", targets.TpotP95Ms, m.TpotP95Ms, m.SecondTpotP95Ms, targets.TpotSpread),
                ("p99 end-to-end", targets.E2eP99Ms, m.E2eP99Ms, m.SecondE2eP99Ms, targets.E2eSpread),
            }
                .Where(t => t.Target is > 0 && double.IsFinite(t.Measured) && (t.Spread is double || double.IsFinite(t.Second)))
                .Select(t =>
                {
                    double own = Spread(t.Measured, t.Second);
                    double search = t.Spread ?? 0;
                    // The margin is the worse set of draws': the month must meet the SLO under both.
                    double worst = double.IsFinite(t.Second) ? Math.Max(t.Measured, t.Second) : t.Measured;
                    return (t.Name, t.Measured, t.Second, Target: t.Target!.Value, Margin: (t.Target!.Value - worst) / t.Target!.Value,
                        Spread: Math.Max(Math.Max(search, double.IsFinite(own) ? own : 0), Resolution), Own: double.IsFinite(own) && own > search);
                })
                .Where(t => t.Margin >= 0 && t.Margin < t.Spread)
                .ToList();
            if (margins.Count > 0)
            {
                var closest = margins.MinBy(t => t.Margin / t.Spread);
                edges.Add((m, closest.Name, closest.Measured, closest.Second, closest.Target, closest.Margin, closest.Spread, closest.Own));
            }
        }
        if (edges.Count == 0)
        {
            return null;
        }
        var e = edges.MinBy(x => x.Margin / x.Spread);
        bool secondWorse = double.IsFinite(e.Second) && e.Second > e.Measured;
        string measured = secondWorse
            ? F($"{e.Name} {FigureFormat.Ms(e.Measured)}, {FigureFormat.Ms(e.Second)} on its second set of draws, against {FigureFormat.Ms(e.Target)}, {FigureFormat.Percent(e.Margin)} under it at the worse")
            : F($"{e.Name} {FigureFormat.Ms(e.Measured)} against {FigureFormat.Ms(e.Target)}, {FigureFormat.Percent(e.Margin)} under it");
        string spread = e.Own
            ? secondWorse
                ? F($"the two sets of draws {FigureFormat.Percent(e.Spread)} apart")
                : F($"where the month's second set of draws put it at {FigureFormat.Ms(e.Second)}, {FigureFormat.Percent(e.Spread)} apart")
            : e.Spread > Resolution + 1e-12
                ? F($"where the search's seeds moved {e.Name} by {FigureFormat.Percent(e.Spread)} at the {Optimizer.NoiseQuantile * 100:0}th percentile over its load levels")
                : F($"where the search's seeds moved {e.Name} by no more than the {FigureFormat.Percent(Resolution)} its histogram resolves");
        return F($"{edges.Count} of the path's {path.Count} months {(edges.Count == 1 ? "meets" : "meet")} the SLO by less than the search's seed-to-seed noise or the month's own (closest: {e.Month.CalendarMonth}, {measured}, ")
            + F($"{spread}): another seed may find {(edges.Count == 1 ? "that month" : "those months")} missing it, so {(edges.Count == 1 ? "its configuration has" : "their configurations have")} no margin to spare there.");
    }

    /// <summary>|a − b| / their mean; NaN where either is not a measured latency.</summary>
    private static double Spread(double a, double b) => double.IsFinite(a) && double.IsFinite(b) && a + b > 0 ? Math.Abs(a - b) / ((a + b) / 2) : double.NaN;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
