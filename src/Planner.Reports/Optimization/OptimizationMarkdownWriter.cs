using System.Globalization;
using System.Text;
using Planner.Reports.Charts;
using Planner.Reports.Formatting;
using Planner.Reports.Narrative;
using static Planner.Reports.Markdown.MarkdownText;

namespace Planner.Reports.Optimization;

/// <summary>
/// Writes optimization.md from optimization.json: the path through time first, then the
/// cheapest configuration per load level, the Pareto frontiers with their charts, the search
/// space, what the bounds pruned, and how the search works.
/// </summary>
public static class OptimizationMarkdownWriter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(OptimizationDocument d, IReadOnlyList<ChartSpec> charts, string chartFolder, string? chartsNote = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder();
        PathSummarySection ps = d.PathSummary;
        md.Append("# ").Append(Text(d.Scenario.Name)).Append(" — cheapest self-hosted configuration over time\n\n");
        md.Append($"Scenario `{d.Scenario.Path}` · start {d.Scenario.StartMonth} · {Core.Formatting.FigureFormat.Counted(d.Scenario.HorizonMonths, "month", "months")} · seed {d.Seed} · model {Text(d.Search.Model)} with {Text(Core.Optimization.OptimizationStatistics.SettingsAndCostsOf(d.Search.BaseOption))} · SLO {Slo(d.Scenario)}\n\n");

        if (chartsNote is not null)
        {
            md.Append("> ").Append(Text(chartsNote)).Append("\n\n");
        }
        md.Append("## Path through time\n\n");
        foreach (string sentence in OptimizationNarrative.Sentences(d))
        {
            md.Append(Text(sentence)).Append(' ');
        }
        md.Length--;
        md.Append("\n\n");
        Table(md, OptimizationNarrative.PathTable(d));
        md.Append('\n');
        Chart(md, charts.FirstOrDefault(c => c.Id == OptimizationCharts.PathChartId), chartFolder);
        md.Append("The path is planned on each month's load level (below) and then every month's configuration is simulated again at the month's own volume and with the month's own random draws (planner run's: its arrivals, and for a single fleet the service draws of the scenario's option it would take the place of, so that planner run with that option set to the month's configuration, under its name, gives the same figures wherever it simulates the whole fleet rather than a slice of one of 50 replicas or more), which is what the table and chart show; a month at the same volume as its level therefore differs from the level's figures by the simulation's noise.\n\n");

        md.Append("## Cheapest configuration meeting the SLO at each load level\n\n");
        md.Append("| level | months | requests/day | configuration | GPU cost / month | mean GPUs | p95 TTFT | p95 TPOT | p99 end-to-end | simulated | skipped by cost bound |\n|--:|---|--:|---|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (LevelSection l in d.Levels)
        {
            OutcomeSection? o = l.BestOutcome;
            md.Append($"| {l.Level} | {Range(l.Months[0], l.Months[^1])} | {Count(l.RequestsPerDay)} | {Cell(l.Best?.Label ?? "none meets the SLO")} | {Usd(o?.GpuUsd)} | {Num(o?.MeanGpus)} | {Ms(o?.TtftP95Ms)} | {Ms(o?.TpotP95Ms)} | {Ms(o?.E2eP99Ms)} | {l.Simulated} | {l.PrunedByCostBound} |\n");
        }
        md.Append('\n');
        md.Append(LevelNote).Append("\n\n");

        foreach (FrontierSection f in d.Frontiers)
        {
            md.Append($"## Cost against p95 TTFT in month {f.Month} ({f.CalendarMonth}; at its load level, {Count(f.RequestsPerDay)} requests/day)\n\n");
            Chart(md, charts.FirstOrDefault(c => c.Id == OptimizationCharts.FrontierChartId(f.Month)), chartFolder);
            var frontier = f.Points.Where(p => p.OnFrontier).ToList();
            if (frontier.Count == 0)
            {
                md.Append("None of the configurations simulated at this load meets the SLO.\n\n");
                continue;
            }
            LevelSection? level = d.Levels.FirstOrDefault(l => l.Level == f.Level);
            IReadOnlyList<string> excluded = level?.ExcludedAfterVerification ?? [];
            md.Append(FrontierCaption(f.Points.Count, f.Points.Count(p => p.Outcome.SloMet), f.Points.Count(p => p.Outcome.SloMet && excluded.Contains(p.Configuration.Id)),
                f.CalendarMonth, level?.CalendarMonth, level?.Months)).Append(":\n\n");
            md.Append("| configuration | GPU cost / month | p95 TTFT | p95 TPOT | p99 end-to-end | mean GPUs |\n|---|--:|--:|--:|--:|--:|\n");
            foreach (FrontierPointSection p in frontier)
            {
                md.Append($"| {Cell(p.Configuration.Label)} | {Usd(p.Outcome.GpuUsd)} | {Ms(p.Outcome.TtftP95Ms)} | {Ms(p.Outcome.TpotP95Ms)} | {Ms(p.Outcome.E2eP99Ms)} | {Num(p.Outcome.MeanGpus)} |\n");
            }
            md.Append('\n');
        }

        md.Append("## Search space\n\n");
        SearchSection s = d.Search;
        md.Append("| GPU | instance (billed whole) | on-demand USD / GPU-hour | USD / instance-hour | price source |\n|---|---|--:|--:|---|\n");
        foreach (GpuOfferSection g in s.Gpus)
        {
            string instance = $"{(g.InstanceType is null ? "" : Cell(g.InstanceType) + ", ")}{g.GpusPerInstance.ToString(System.Globalization.CultureInfo.InvariantCulture)} GPU{(g.GpusPerInstance == 1 ? "" : "s")}";
            int? age = StaleMonths(g.AsOf, d.Scenario.StartMonth);
            md.Append($"| {Cell(g.Gpu)} ({Cell(g.Name)}) | {instance} | {Fmt.UsdPrice(g.PricePerGpuHourUsd)} | {Fmt.UsdPrice(g.PricePerGpuHourUsd * g.GpusPerInstance)} | {Cell(g.PriceSource)}{(g.AsOf is null ? "" : $", {g.AsOf}")}{(age is int a ? $" ⚠ {a} months before the start" : "")} |\n");
        }
        md.Append('\n');
        if (StalePrices(d) is string stale)
        {
            md.Append(stale).Append("\n\n");
        }
        md.Append($"- GPUs per replica: {List(s.GpusPerReplica)} (where the model fits); weight precision: {string.Join(", ", s.Precisions)}\n");
        md.Append($"- Batch limits (max concurrent sequences): {List(s.MaxSeqs)}; autoscaler targets (in-flight requests per replica): {string.Join(", ", s.Targets.Select(t => t.ToString("0.##", C)))}; minimum replicas searched: {List(s.MinReplicas)} (each minimum asked for, by default 1 and 2, rounded up to fill whole instances: a minimum of 1 on an 8-GPU instance runs the 8 replicas it holds)\n");
        md.Append($"- Mixes of two GPU types: {(s.Mixes ? $"on (base pool sized for {string.Join(", ", s.MixBaseShares.Select(x => x.ToString("0%", C)))} of the peak hour)" : "off")}; load levels {s.LevelStep.ToString("0.##", C)}× apart; switch cost {Usd(s.SwitchCostUsd)}\n");
        StatisticsSection st = d.Statistics;
        md.Append($"- {OptimizationNarrative.SearchAccount(d)}; {st.StoppedEarly:#,##0} stopped after the first window, {st.ExcludedAfterVerification:#,##0} replaced after missing the SLO{(s.AvoidOscillation == true ? " or oscillating" : "")} at a month's own volume; {st.Simulations:#,##0} window simulations of {st.SimulatedRequests:#,##0} requests{(s.Pruned ? "" : " (exhaustive search)")}\n\n");
        if (d.LatencyPruned.Count > 0)
        {
            md.Append("Hardware whose roofline latency bound (a request alone on a replica, no queue) already misses the SLO, so none of its configurations was simulated:\n\n");
            md.Append("| hardware | misses | bound | target | configurations |\n|---|---|--:|--:|--:|\n");
            foreach (LatencyPrunedSection p in d.LatencyPruned)
            {
                md.Append($"| {Cell(p.Hardware)} | {p.Miss} | {Ms(p.BoundMs)} | {Ms(p.TargetMs)} | {p.Candidates} |\n");
            }
            md.Append('\n');
        }

        md.Append("## How the search works\n\n");
        md.Append("- **Load levels.** Months whose volumes lie within the same step of a geometric grid share one search, at the largest volume among them, so a configuration chosen for a month has been simulated at no less traffic than the month has.\n");
        md.Append("- **Pruning with roofline bounds.** From the performance profile, each configuration gets latency bounds (prefill and batch-1 decode of sampled requests, no queueing) and a lower bound on its monthly GPU cost (per hour of the simulated days, the most of: its minimum replicas, the work at full batch, and the replicas its concurrency target asks for by Little's law). Configurations whose latency bound misses the SLO are never simulated; the rest are simulated in order of their cost bound until the bound reaches the cheapest cost that met the SLO (branch and bound). A simulation stops after the weekday window when the month can no longer meet the SLO whatever the weekend measures, or when its cost so far plus the cost bound of the weekend already reaches the best.\n");
        md.Append("- **Simulation.** The same engine as `planner run`: a representative weekday and weekend day per level, hour by hour, on seeds derived from the scenario seed; a configuration meets the SLO when its p95 TTFT, p95 TPOT and p99 end-to-end latency are within the targets and under 1% of requests are rejected or left unfinished.\n");
        md.Append("- **Mixes.** A fixed base pool of one GPU type takes each hour's traffic up to its capacity (its replicas × the request rate one replica of that type sustained at the peak hour on its own); an autoscaled pool of another type takes the rest. The pools are simulated as independent fleets on their shares and the mix's latency is the worse of the two.\n");
        md.Append($"- **Path through time.** A dynamic programme picks one configuration per month minimising GPU cost plus {Usd(s.SwitchCostUsd)} for each change of hardware (GPU type, GPUs per replica or precision) and {Usd(s.RetuneCostUsd)} for each change of engine or autoscaler settings on the same hardware, so it changes only when the saving over the following months pays for the change. Wherever it moves to other hardware, the configuration it leaves (with the most promising others on that hardware) is simulated at the following levels and the one it moves to at the levels before (where not yet done), and the path is planned again, so every switch rests on what staying, or moving earlier, would have cost; wherever it retunes, the same for the two configurations alone.\n");
        md.Append("- **Verification.** Every month's configuration is simulated again at the month's own volume, twice: with the month's own random draws and with a second set. One that met the SLO at its level but misses it there under either (a fragile configuration: the month's own arrivals and calendar differ from the level's) is excluded at that level, the level's search resumes without it, and the path is planned again, for a few rounds at most.\n");
        md.Append("- **Pareto frontiers.** At the frontier months, configurations whose cost bound is within a factor of the cheapest and that no simulated configuration already beats on both bounds are simulated as well; the frontier holds those meeting the SLO that nothing else beats on both GPU cost and p95 TTFT.\n");
        return md.ToString();
    }

    private static void Chart(StringBuilder md, ChartSpec? chart, string folder)
    {
        if (chart is not null)
        {
            md.Append("![").Append(Text(chart.Title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal))).Append("](").Append(folder).Append('/').Append(chart.Id).Append(".svg)\n\n");
        }
    }

    private static string Slo(OptimizationScenarioSection s)
    {
        var parts = new List<string>();
        if (s.SloTtftP95Ms is double t)
        {
            parts.Add($"p95 TTFT ≤ {Fmt.Ms(t)}");
        }
        if (s.SloTpotP95Ms is double p)
        {
            parts.Add($"p95 TPOT ≤ {Fmt.Ms(p)}");
        }
        if (s.SloE2eP99Ms is double e)
        {
            parts.Add($"p99 end-to-end ≤ {Fmt.Ms(e)}");
        }
        return parts.Count == 0 ? "none set" : string.Join(", ", parts);
    }

    private static string Range(int from, int to) => from == to ? from.ToString(C) : $"{from}–{to}";

    private static string List(IEnumerable<int> values) => string.Join(", ", values.Select(v => v.ToString(C)));

    private static string Usd(double? v) => Fmt.Usd(v ?? double.NaN);

    /// <summary>"1 meets", "3 meet".</summary>
    public static string Meet(int count) => count == 1 ? "1 meets" : $"{count:#,##0} meet";

    /// <summary>What a level's row holds, under the table and the console's.</summary>
    public const string LevelNote = "A level's requests/day is the busiest of its months (the volume it must carry); its GPU cost is that volume over its first calendar month, whose days it counts "
        + "(28 or 29 in February, 31 in January), so a level can cost less than the one before it while carrying more. The path table gives each month at its own volume. "
        + "A configuration that met the SLO at a level but missed it, or oscillated, when the verification simulated it at one of the level's months' own volumes is left out of that level's search: "
        + "the level's cheapest, and its frontier below, are among the rest. Of configurations that cost the same at a level (an L4 fleet that never leaves one replica costs the same at any batch limit or target), "
        + "the table names the first by name; the path, and the frontier of a month it runs one of them in, name the one it runs.";

    /// <summary>Where every candidate-level of the search went, in counts that add up (for the console as for optimization.md).</summary>
    public static string SearchAccount(OptimizationDocument d) => OptimizationNarrative.SearchAccount(d);

    /// <summary>
    /// The sentence over a frontier's table: how many configurations were simulated and met the SLO,
    /// how many of those the verification left out (which the frontier does not hold, though one may
    /// be cheaper or faster than a point on it), and, where the level's first calendar month is not
    /// the frontier's, that the costs are over that month, as in the level table.
    /// </summary>
    public static string FrontierCaption(int simulated, int meeting, int excluded, string month, string? levelMonth, IReadOnlyList<int>? levelMonths)
    {
        string text = $"{Core.Formatting.FigureFormat.Counted(simulated, "configuration", "configurations")} simulated at this load, {Meet(meeting)} the SLO";
        if (excluded > 0)
        {
            text += $", {(excluded == 1 ? "1 of which the verification left out" : $"{excluded:#,##0} of which the verification left out")} (it missed the SLO or oscillated at a month's own volume)";
        }
        if (levelMonth is not null && levelMonth != month && levelMonths is { Count: > 0 })
        {
            text += $"; the costs are the load level's, over its first month ({levelMonth}, of months {Range(levelMonths[0], levelMonths[^1])}), as in the table above";
        }
        return text + (excluded > 0 ? "; the frontier of the rest (nothing else is both cheaper and faster)" : "; the frontier (nothing else is both cheaper and faster)");
    }

    /// <summary>
    /// Whole months from a price's date to the scenario's first month where that is more than 12
    /// (the age at which `planner run` warns that a price may be stale); null otherwise or unknown.
    /// </summary>
    public static int? StaleMonths(string? asOf, string startMonth)
    {
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", C, System.Globalization.DateTimeStyles.None, out DateOnly date)
            || !DateOnly.TryParseExact(startMonth + "-01", "yyyy-MM-dd", C, System.Globalization.DateTimeStyles.None, out DateOnly start))
        {
            return null;
        }
        int months = (start.Year - date.Year) * 12 + start.Month - date.Month - (start.Day < date.Day ? 1 : 0);
        return months > 12 ? months : null;
    }

    /// <summary>
    /// The search space's prices that may be stale, and which of them the path runs on: `planner
    /// run` warns only of the prices its own options use, and a search can choose hardware none of
    /// them names. Null when none is older than 12 months at the start.
    /// </summary>
    public static string? StalePrices(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var stale = d.Search.Gpus.Where(g => StaleMonths(g.AsOf, d.Scenario.StartMonth) is not null).ToList();
        if (stale.Count == 0)
        {
            return null;
        }
        var used = new List<string>();
        foreach (GpuOfferSection g in stale)
        {
            List<int> months = [.. d.PathSummary.Segments
                .Where(seg => seg.Configuration?.Pools.Any(pool => pool.Gpu == g.Gpu && (pool.InstanceType is null || pool.InstanceType == g.InstanceType)) == true)
                .SelectMany(seg => Enumerable.Range(seg.FromMonth, seg.ToMonth - seg.FromMonth + 1))];
            if (months.Count > 0)
            {
                used.Add($"{g.Gpu}{(g.InstanceType is null ? "" : $" on {g.InstanceType}")} in {Core.Formatting.FigureFormat.Counted(months.Count, "month", "months")} ({Runs(months)})");
            }
        }
        string list = string.Join(", ", stale.Select(g => $"{g.Gpu}{(g.InstanceType is null ? "" : $" on {g.InstanceType}")} ({g.AsOf}, {StaleMonths(g.AsOf, d.Scenario.StartMonth)} months)"));
        return $"⚠ {Core.Formatting.FigureFormat.Counted(stale.Count, "price", "prices")} of the search space {(stale.Count == 1 ? "is" : "are")} older than 12 months at the scenario's start ({d.Scenario.StartMonth}) and may be stale: {list}. "
            + (used.Count == 0 ? "The path runs on none of them." : $"The path runs on {string.Join(" and ", used)}: check {(used.Count == 1 ? "that price" : "those prices")} before acting on it.");
    }

    /// <summary>"months 1–13", "months 3 and 8–9": runs of consecutive months.</summary>
    private static string Runs(IEnumerable<int> months)
    {
        var runs = new List<string>();
        int[] sorted = [.. months.Distinct().Order()];
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            runs.Add(Range(sorted[i], sorted[j]));
            i = j + 1;
        }
        return (sorted.Length == 1 ? "month " : "months ") + Core.Projection.SloMisses.List(runs);
    }

    private static string Ms(double? v) => Fmt.Ms(v ?? double.NaN);

    private static string Num(double? v) => Fmt.Number(v ?? double.NaN, "0.0");

    private static string Count(double? v) => Fmt.Count(v ?? double.NaN);
}
