using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// The simulation's own seed-to-seed noise in words, from the noise sections of summary.json: the
/// one sentence the console, the reports' risks and their methodology share, so that every surface
/// states the same measured spread.
/// </summary>
public static class SimulationNoise
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// What the noise-check months measured: how far a month's simulated cost moved between seeds,
    /// how uncertain that leaves each option's total, and how far p95 TTFT moved; or, when no month
    /// was simulated twice, that the noise was not measured.
    /// </summary>
    public static string Sentence(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!Measured(summary))
        {
            return $"Each month is one simulation with seed {summary.Seed.ToString(C)} and its seed-to-seed noise was not measured (simulation: noise_check_months above 0 measures it), so treat differences of a few percent between options as a tie.";
        }
        IReadOnlyList<int> months = CommonMonths(summary);
        if (months.Count == 0)
        {
            return DaysOnly(summary);
        }
        var measured = summary.Options.Where(o => o.Noise is { MedianCostSpread: not null }).ToList();
        // "Where it moved" ranges over the options whose cost moved: a fleet that held one size in
        // every checked month (chat-seed-stage's H100 at a tenth of its traffic) is named apart, not
        // read as a 0.0% and ±$0 end of the range.
        // The count of months that moved decides; the spread, rounded to four decimals, only where a
        // summary has no count (a hybrid whose overflow moved $1.88 of $60,000 read 0 and "did not move").
        var still = measured.Where(o => o.Noise!.MovingMonths is int moved ? moved == 0 : o.Noise!.MaxCostSpread is 0).ToList();
        var moving = still.Count < measured.Count ? measured.Except(still).ToList() : measured;
        if (moving == measured)
        {
            still = [];
        }
        string text = $"Simulation noise: {CheckedMonths(summary)}. " +
            $"Where it moved, a month's simulated cost moved by a median of {Range(moving.Select(o => o.Noise!.MedianCostSpread!.Value))} by option";
        OptionSection widest = moving.MaxBy(o => o.Noise!.MaxCostSpread ?? 0)!;
        // The largest of a few pairs is no bound: at a second seed of document-extraction a month
        // moved 5.9% where the report's checked months had moved 3.1% at most.
        text += $" ({Fmt.Percent(widest.Noise!.MaxCostSpread ?? 0)} at most among the months checked, {widest.Name}; another seed may move a month further)";
        // Said after the totals, which are the moving options' only (voice-agent read "…H100's did not
        // move …, which leaves each 24-month total uncertain by ±$6–$30", the H100's being ±$0).
        string stillText = still.Count == 0 ? ""
            : $"; {(still.Count == 1 ? $"{still[0].Name}'s" : $"those of {string.Join(", ", still.Take(still.Count - 1).Select(o => o.Name))} and {still[^1].Name}")} did not move in any checked month ({(still.Count == 1 ? "its fleet" : "each fleet")} held one size all month with both seeds)";
        var totals = moving.Where(o => o.Noise!.TotalCostSdUsd is not null && o.TotalCostUsd is > 0).ToList();
        if (totals.Count > 0)
        {
            int horizon = summary.Options[0].Monthly.Count;
            string usd = RangeOf(totals.Select(o => o.Noise!.TotalCostSdUsd!.Value), WholeUsd);
            string share = RangeOf(totals.Select(o => o.Noise!.TotalCostSdUsd!.Value / o.TotalCostUsd!.Value), SmallPercent);
            // Each option's σ comes from its checked months that moved (a fleet pinned at its floor in
            // both seeds does not); summaries from before that was recorded counted every checked month.
            var pairs = totals.Select(o => o.Noise!.MovingMonths ?? months.Count).Where(n => n > 0).Distinct().Order().ToList();
            string from = pairs.Count == 0 || (pairs.Count == 1 && pairs[0] == months.Count)
                ? $"estimated from {months.Count.ToString(C)} month{(months.Count == 1 ? "" : "s")}"
                : pairs.Count == 1 && pairs[0] == 1
                ? "estimated from the one checked month whose cost moved (a fleet pinned at its floor with both seeds does not)"
                : $"estimated from the {RangeOf(pairs.Select(n => (double)n), n => n.ToString("0", C))} checked months whose cost moved (a fleet pinned at its floor with both seeds does not)";
            // With several independent days a month, each month's own days measure the noise too
            // (NoiseMeasure), and their degrees of freedom narrow the bound.
            bool days = totals.Any(o => o.Noise!.DayDegreesOfFreedom is > 0);
            var dof = totals.Select(o => o.Noise!.BoundDegreesOfFreedom(months.Count)).Where(n => n > 0).Distinct().Order().ToList();
            string bound = RangeOf(dof.Count == 0 ? [Core.Projection.NoiseMeasure.UpperBoundFactor(months.Count)] : dof.Select(n => Core.Projection.NoiseMeasure.UpperBoundFactor(n)),
                b => b.ToString("0.##", C) + "×");
            if (days)
            {
                from += $" and from how far the {(summary.Simulation.DaysPerMonth is int d ? SloEdge.DayPairs(d) : "several independent days")} simulated in every month differ";
            }
            text += $", which leaves {(still.Count > 0 ? $"the {horizon.ToString(C)}-month total of each option whose cost moved" : $"each {horizon.ToString(C)}-month total")} uncertain by ±{usd} (±{share}, one standard deviation; "
                + $"{from}, it may be up to {bound} that at the upper 90% confidence bound{(days ? "" : ", and months not checked may move more than these")})";
        }
        text += stillText;
        // Each latency percentile the SLO judges (p95 TTFT always, as before the others were measured).
        var latencies = new (string Name, bool Judged, Func<NoiseSection, double?> Spread)[]
        {
            ("p95 TTFT", true, n => n.MaxTtftP95Spread),
            ("p95 time per output token", summary.Scenario.SloTpotP95Ms is not null, n => n.MaxTpotP95Spread),
            ("p99 end-to-end", summary.Scenario.SloE2eP99Ms is not null, n => n.MaxE2eP99Spread),
        };
        var moved = new List<string>();
        var unmoved = new List<string>();
        foreach ((string name, bool judged, Func<NoiseSection, double?> spread) in latencies)
        {
            var spreads = measured.Select(o => spread(o.Noise!)).OfType<double>().ToList();
            if (!judged || spreads.Count == 0)
            {
                continue;
            }
            // "Moved by up to 0.0%" read as a contradiction (the Azure replay's p95 TTFT).
            double most = spreads.Max();
            if (most <= 0)
            {
                unmoved.Add(name);
            }
            else
            {
                moved.Add($"{(moved.Count == 0 ? name + " moved" : name)} by {(Fmt.Percent(most) == "0.0%" ? "under 0.05%" : "up to " + Fmt.Percent(most))}");
            }
        }
        if (unmoved.Count > 0)
        {
            text += "; " + Series(unmoved) + " did not move";
        }
        if (moved.Count > 0)
        {
            text += "; " + Series(moved);
        }
        return text + ". The recommendation calls its pair of options a tie when their totals are closer than two standard deviations of the difference, each taken at the upper 90% confidence bound of this estimate.";
    }

    /// <summary>Whether any option of the run had months simulated twice, or months of several independent days that measure the noise.</summary>
    public static bool Measured(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Options.Any(o => o.Noise is { MedianCostSpread: not null } or { MonthlyCostSd: not null });
    }

    /// <summary>
    /// The noise as the months' own independent days alone measured it, when no month was
    /// simulated twice (<c>noise_check_months: 0</c> with <c>days_per_month</c> above 1): each
    /// total's standard deviation and its bound; no seed-to-seed spread of latency.
    /// </summary>
    private static string DaysOnly(SummaryDocument summary)
    {
        var totals = summary.Options.Where(o => o.Noise is { TotalCostSdUsd: not null } && o.TotalCostUsd is > 0).ToList();
        string days = summary.Simulation.DaysPerMonth?.ToString(C) ?? "several";
        int horizon = summary.Options[0].Monthly.Count;
        string text = $"Simulation noise: no month was simulated a second time (noise_check_months: 0), but every month's {days} independent days measure it";
        if (totals.Count > 0)
        {
            string usd = RangeOf(totals.Select(o => o.Noise!.TotalCostSdUsd!.Value), WholeUsd);
            string share = RangeOf(totals.Select(o => o.Noise!.TotalCostSdUsd!.Value / o.TotalCostUsd!.Value), SmallPercent);
            var dof = totals.Select(o => o.Noise!.BoundDegreesOfFreedom(0)).Where(n => n > 0).Distinct().Order().ToList();
            text += $": how far they differ leaves each {horizon.ToString(C)}-month total uncertain by ±{usd} (±{share}, one standard deviation";
            text += dof.Count > 0
                ? $"; it may be up to {RangeOf(dof.Select(n => Core.Projection.NoiseMeasure.UpperBoundFactor(n)), b => b.ToString("0.##", C) + "×")} that at the upper 90% confidence bound)"
                : ")";
        }
        return text + ". How far latency moves from seed to seed was not measured (noise_check_months above 0 measures it). The recommendation calls its pair of options a tie when their totals are closer than two standard deviations of the difference, each taken at the upper 90% confidence bound of this estimate.";
    }

    /// <summary>
    /// Which months were simulated a second time: the scheduled ones every option shares, then the
    /// follow-ups of options whose fleets were pinned in some of them ("months 1, 10, 19, 27 and 36
    /// were simulated a second time with other seeds, and, where an option's cost did not move in
    /// some of those (…), as many months in which its fleet changed size: llama-8b-h100 (months 28,
    /// 31 and 32)"); <see cref="Core.Projection.NoiseFollowUp"/> chooses them.
    /// </summary>
    public static string CheckedMonths(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        IReadOnlyList<int> common = CommonMonths(summary);
        string text = $"{MonthList(common)} {(common.Count == 1 ? "was" : "were")} simulated a second time with other seeds";
        var extras = summary.Options
            .Where(o => o.Noise?.CheckedMonths is { Count: > 0 })
            .Select(o => (o.Name, Months: o.Noise!.CheckedMonths.Except(common).ToList()))
            .Where(x => x.Months.Count > 0)
            .Select(x => $"{x.Name} ({MonthList(x.Months)})")
            .ToList();
        return extras.Count == 0 ? text
            : text + ", and, for some options, chosen months of their own: those of a fleet's two largest steps in size (its peak up by a tenth of its mean or more) or, where a scheduled month's cost did not move (the fleet held one size all month), months in which it changed size: " + Series(extras);
    }

    /// <summary>The checked months every option with a noise section shares (the scheduled ones); none when no option has one.</summary>
    private static IReadOnlyList<int> CommonMonths(SummaryDocument summary) =>
        summary.Options.Select(o => o.Noise?.CheckedMonths).OfType<IReadOnlyList<int>>().Where(m => m.Count > 0)
            .Aggregate((IEnumerable<int>?)null, (common, m) => common is null ? m : common.Intersect(m))?.Order().ToList() ?? [];

    /// <summary>"a, b and c" (or "a").</summary>
    private static string Series(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary>"months 1, 10, 19, 27 and 36" (or "month 12").</summary>
    public static string MonthList(IReadOnlyList<int> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        return months.Count switch
        {
            0 => "no month",
            1 => $"month {months[0].ToString(C)}",
            _ => "months " + Series([.. months.Select(m => m.ToString(C))]),
        };
    }

    /// <summary>"0.7%" when every value rounds alike, else "0.1%–1.1%".</summary>
    private static string Range(IEnumerable<double> values) => RangeOf(values, Fmt.Percent);

    private static string RangeOf(IEnumerable<double> values, Func<double, string> format)
    {
        var list = values.ToList();
        string low = format(list.Min()), high = format(list.Max());
        return low == high ? low : $"{low}–{high}";
    }

    /// <summary>A standard deviation in whole dollars ("$21", "$1,204"): its cents mean nothing.</summary>
    private static string WholeUsd(double v) => "$" + Math.Round(v).ToString("#,##0", C);

    /// <summary>A share with two decimals below 1% ("0.13%"), else one ("2.4%").</summary>
    private static string SmallPercent(double share) => share < 0.01 ? share.ToString("0.00%", C) : Fmt.Percent(share);
}
