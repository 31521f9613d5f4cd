using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// Months whose SLO verdict the simulation's own noise could turn: a month that meets a latency
/// target by less than that percentile moved between two seeds (the option's largest spread over its
/// noise-check months), or misses it only by latency and by less than that. Read from summary.json
/// alone, so that <c>planner report</c> says the same; a percentile whose spread was not measured
/// makes no claim. Percentiles are read from histograms of <see cref="Resolution"/> relative width,
/// so a spread measured below that (both seeds in one bucket) counts as that width.
/// </summary>
public static class SloEdge
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The relative width of a latency histogram's bucket: no spread is measured finer.</summary>
    public const double Resolution = 2 * Core.Metrics.LatencyHistogram.RelativeAccuracy;

    /// <summary>One month at the edge: the target closest to its verdict, and by how much.</summary>
    /// <param name="Month">The month, as summary.json has it.</param>
    /// <param name="Percentile">The percentile judged ("p99 end-to-end").</param>
    /// <param name="MeasuredMs">Its value in the month.</param>
    /// <param name="TargetMs">The SLO's target for it.</param>
    /// <param name="Met">Whether the month meets the SLO.</param>
    /// <param name="Margin">(target − measured) / target: positive where the month meets the target, negative where it misses it.</param>
    /// <param name="Spread">The option's largest seed-to-seed spread of that percentile, at least <see cref="Resolution"/>.</param>
    public sealed record EdgeMonth(MonthSection Month, string Percentile, double MeasuredMs, double TargetMs, double Margin, double Spread, bool Met);

    /// <summary>The option's months at the edge of the SLO, in calendar order.</summary>
    public static IReadOnlyList<EdgeMonth> Months(ScenarioSection scenario, OptionSection option)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(option);
        // The latency spreads come from months simulated twice; the days alone do not give them.
        if (option.Noise is not NoiseSection { CheckedMonths.Count: > 0 } noise)
        {
            return [];
        }
        var targets = new (string Name, double? Target, Func<MonthSection, double?> Measured, double? Spread)[]
        {
            ("p95 TTFT", scenario.SloTtftP95Ms, m => m.TtftP95Ms, Floor(noise.MaxTtftP95Spread)),
            ("p95 time per output token", scenario.SloTpotP95Ms, m => m.TpotP95Ms, Floor(noise.MaxTpotP95Spread)),
            ("p99 end-to-end", scenario.SloE2eP99Ms, m => m.E2eP99Ms, Floor(noise.MaxE2eP99Spread)),
        };
        var edges = new List<EdgeMonth>();
        foreach (MonthSection m in option.Monthly)
        {
            if (m.SloMet == false && FailedShare(m) > Core.Projection.Projector.MaxFailedShare)
            {
                // Missed by rejected or unfinished requests, which no latency spread speaks to.
                continue;
            }
            var margins = targets
                .Where(t => t.Target is > 0 && t.Measured(m) is double v && double.IsFinite(v))
                .Select(t => (t.Name, Measured: t.Measured(m)!.Value, Target: t.Target!.Value, Margin: (t.Target!.Value - t.Measured(m)!.Value) / t.Target!.Value, t.Spread))
                .ToList();
            if (margins.Count == 0)
            {
                continue;
            }
            if (m.SloMet)
            {
                // Any target met by less than its own spread; the closest relative to its spread is named.
                var within = margins.Where(x => x.Spread is double s && x.Margin >= 0 && x.Margin < s).ToList();
                if (within.Count > 0)
                {
                    var closest = within.MinBy(x => x.Margin / x.Spread!.Value);
                    edges.Add(new EdgeMonth(m, closest.Name, closest.Measured, closest.Target, closest.Margin, closest.Spread!.Value, true));
                }
            }
            else
            {
                // Every target missed must be missed by less than its spread for another seed to meet them all;
                // the one missed by most relative to its spread is named.
                var missed = margins.Where(x => x.Margin < 0).ToList();
                if (missed.Count > 0 && missed.All(x => x.Spread is double s && -x.Margin < s))
                {
                    var worst = missed.MinBy(x => x.Margin / x.Spread!.Value);
                    edges.Add(new EdgeMonth(m, worst.Name, worst.Measured, worst.Target, worst.Margin, worst.Spread!.Value, false));
                }
            }
        }
        return edges;
    }

    /// <summary>
    /// The sentence for one option of <paramref name="summary"/> ("llama-8b-l4 meets the SLO by less
    /// than the simulation's seed-to-seed noise in 7 of 36 months (closest: …): another seed may find
    /// those months missing it. …"), or null when no month is at the edge.
    /// </summary>
    public static string? Sentence(SummaryDocument summary, OptionSection option, string? who = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        IReadOnlyList<EdgeMonth> edges = Months(summary.Scenario, option);
        if (edges.Count == 0)
        {
            return null;
        }
        List<EdgeMonth> met = [.. edges.Where(e => e.Met)];
        List<EdgeMonth> missed = [.. edges.Where(e => !e.Met)];
        string of = $" of {option.Monthly.Count.ToString(C)} months";
        var parts = new List<string>();
        if (met.Count > 0)
        {
            parts.Add($"meets the SLO by less than the simulation's seed-to-seed noise in {met.Count.ToString(C)}{of} ({Closest(met.MinBy(e => e.Margin / e.Spread)!)}): "
                + $"another seed may find {(met.Count == 1 ? "that month" : "those months")} missing it");
        }
        if (missed.Count > 0)
        {
            parts.Add($"{(met.Count > 0 ? "and misses it by less than that noise" : "misses the SLO by less than the simulation's seed-to-seed noise")} in {missed.Count.ToString(C)}{(met.Count > 0 ? "" : of)} "
                + $"({Closest(missed.MaxBy(e => e.Margin / e.Spread)!)}): another seed may find {(missed.Count == 1 ? "that month" : "those months")} meeting it");
        }
        string days = summary.Simulation.DaysPerMonth is int d
            ? $"more independent days per month than the {DayPairs(d)} simulated (simulation: days_per_month) narrow that noise"
            : "more independent days per month (simulation: days_per_month) narrow that noise";
        return $"{who ?? option.Name} {string.Join(", ", parts)}; {days}.";
    }

    /// <summary>"one weekday and one weekend day", "3 weekdays and 3 weekend days": what days_per_month d simulates in each month, as Methodology says it.</summary>
    internal static string DayPairs(int d) => d == 1 ? "one weekday and one weekend day" : $"{d.ToString(C)} weekdays and {d.ToString(C)} weekend days";

    /// <summary>"closest: 2029-10, p99 end-to-end 38,668 ms against 40,000 ms, 3.3% under it, where two seeds differed by up to 6.1%".</summary>
    private static string Closest(EdgeMonth e) =>
        $"closest: {e.Month.CalendarMonth}, {e.Percentile} {Fmt.Ms(e.MeasuredMs)} against {Fmt.Ms(e.TargetMs)}, {Fmt.Percent(Math.Abs(e.Margin))} {(e.Met ? "under" : "over")} it, "
        + (e.Spread > Resolution + 1e-12
            ? $"where two seeds' {e.Percentile} differed by up to {Fmt.Percent(e.Spread)}"
            : $"where two seeds' {e.Percentile} differed by no more than the {Fmt.Percent(Resolution)} its histogram resolves");

    private static double? Floor(double? spread) => spread is double s ? Math.Max(s, Resolution) : null;

    private static double FailedShare(MonthSection m)
    {
        double requests = m.Requests ?? 0;
        if (requests <= 0)
        {
            return 0;
        }
        double rejected = m.RequestsRejected ?? 0;
        double unfinished = Math.Max(0, requests - (m.RequestsServed ?? 0) - rejected);
        return (rejected + unfinished) / requests;
    }
}
