using System.Globalization;
using Planner.Reports.Formatting;
using Planner.Reports.Json;
using Planner.Reports.Optimization;

namespace Planner.Reports.Narrative;

/// <summary>
/// The words and tables of a configuration search, shared by optimization.md and the run's
/// reports (HTML and Markdown), so that they say the same thing.
/// </summary>
internal static class OptimizationNarrative
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Whether the run's reports have a Configuration search section.</summary>
    public static bool Has(SummaryDocument s) => s.Optimization is { Path.Count: > 0 };

    /// <summary>What was searched, the path through time, its cost and how it compares with the scenario's own option.</summary>
    public static IReadOnlyList<string> Sentences(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var sentences = new List<string>();
        SearchSection s = d.Search;
        StatisticsSection st = d.Statistics;
        // A GPU offered on two instance types is two offers: name the instance where the GPU repeats.
        string gpus = string.Join(", ", s.Gpus.Select(g =>
            s.Gpus.Count(o => o.Gpu == g.Gpu) > 1 && g.InstanceType is string instance ? $"{g.Gpu} on {instance}" : g.Gpu));
        sentences.Add($"For each month's load, {Core.Formatting.FigureFormat.Counted(st.Candidates, "self-hosted configuration", "self-hosted configurations")} of {s.Model} {(st.Candidates == 1 ? "was" : "were")} searched ({gpus} × GPUs per replica × precision × batch limit × autoscaler target and minimum{(s.Mixes ? ", plus mixes of two GPU types" : "")}) for the cheapest that meets the SLO, with {Core.Optimization.OptimizationStatistics.SettingsAndCostsOf(s.BaseOption)}.");
        PathSummarySection ps = d.PathSummary;
        var segments = ps.Segments.Where(g => g.Configuration is not null).ToList();
        if (segments.Count == 0)
        {
            sentences.Add("No configuration in the search space meets the SLO at any month's load.");
            return sentences;
        }
        var steps = new List<string>();
        foreach (PathSegmentSection g in ps.Segments)
        {
            string what = g.Configuration?.Label ?? "nothing that meets the SLO";
            string when = g.FromMonth == g.ToMonth ? $"month {g.FromMonth}" : $"months {g.FromMonth}–{g.ToMonth}";
            steps.Add(steps.Count == 0
                ? $"{what} for {when}"
                : $"{(g.Switched ? "switches to" : g.Retuned ? "retunes to" : "moves to")} {what} from month {g.FromMonth} ({g.FromCalendarMonth})");
        }
        string changes = Changes(ps, s);
        sentences.Add($"The cheapest path over {Core.Formatting.FigureFormat.Counted(d.Scenario.HorizonMonths, "month", "months")} runs {string.Join(", then ", steps)}: {Usd(ps.TotalUsd)} in all (GPUs {Usd(ps.GpuUsd)}, fixed costs {Usd(ps.FixedUsd)}{changes}).");
        if (ps.TotalUsd is double t && ps.ReferenceTotalUsd is double r && r > 0)
        {
            int missed = d.Path.Count(p => !p.Reference.SloMet);
            string slo = missed == 0 ? "SLO met every month" : $"SLO missed in {missed} month{(missed == 1 ? "" : "s")}";
            double? noise = d.Statistics.NoiseShare;
            // Over the path's months, the totals' noise is a month's divided by √months.
            double? totalNoise = noise / Math.Sqrt(Math.Max(1, d.Path.Count));
            string tie = totalNoise is double n && Math.Abs(r - t) / r < n ? $", within the search's noise over {Core.Formatting.FigureFormat.Counted(d.Path.Count, "month", "months")} (±{Fmt.Percent(n)}): a tie on cost" : "";
            sentences.Add($"That is {Fmt.Percent(Math.Abs(r - t) / r)} {(t <= r ? "less" : "more")} than {ps.ReferenceOption} as configured in the scenario ({Usd(r)} over the same months; {slo}){tie}; both leave out one-time costs, which every configuration would pay.");
        }
        if (Planner.Core.Optimization.OptimizationStatistics.HybridFleetSentence(ps.ReferenceOption) is string hybrid)
        {
            sentences.Add(hybrid);
        }
        if (d.Statistics.NoiseShare is double share)
        {
            sentences.Add(Planner.Core.Optimization.OptimizationStatistics.NoiseSentence(share));
        }
        sentences.Add(ps.MeetsSlo
            ? "Every month of the path meets the SLO when simulated again at that month's own volume."
            : "Some months of the path miss the SLO at their own volume (see the table): widen the search or relax the SLO.");
        if (SecondSeed(d) is string second)
        {
            sentences.Add(second);
        }
        if (Edge(d) is string edge)
        {
            sentences.Add(edge);
        }
        if (Oscillation(d) is string oscillation)
        {
            sentences.Add(oscillation);
        }
        return sentences;
    }

    /// <summary>Whether the path's configurations oscillate (<see cref="Core.Optimization.PathOscillation"/>), from optimization.json.</summary>
    private static string? Oscillation(OptimizationDocument d) => Core.Optimization.PathOscillation.Sentence(
        [.. d.Path.Select(p => new Core.Optimization.PathOscillation.Month(p.CalendarMonth, DaysIn(p.CalendarMonth), p.Outcome?.ColdStarts ?? double.NaN,
            p.Outcome?.RampScaleUps ?? double.NaN, p.Outcome?.ReplicasPerUnit ?? 1, p.SecondSeed?.ColdStarts ?? double.NaN, p.SecondSeed?.RampScaleUps ?? double.NaN))],
        d.Statistics.ReplacedForOscillation ?? 0, (d.Search.AvoidOscillation ?? false) && d.Search.Pruned);

    /// <summary>Days in a "yyyy-MM" month; 0 if it does not parse.</summary>
    private static int DaysIn(string calendarMonth) =>
        DateOnly.TryParseExact(calendarMonth + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly first)
            ? DateTime.DaysInMonth(first.Year, first.Month)
            : 0;

    /// <summary>The path under the verification's second set of draws (<see cref="Core.Optimization.PathSecondSeed"/>), from optimization.json.</summary>
    private static string? SecondSeed(OptimizationDocument d) => Core.Optimization.PathSecondSeed.Sentence(
        [.. d.Path.Select(p => new Core.Optimization.PathSecondSeed.Month(p.CalendarMonth, p.Outcome?.GpuUsd ?? double.NaN, p.Outcome?.SloMet ?? false,
            p.SecondSeed?.GpuUsd ?? double.NaN, p.SecondSeed?.SloMet ?? false))]);

    /// <summary>The path's months at the SLO's edge (<see cref="Core.Optimization.PathSloEdge"/>), from optimization.json.</summary>
    private static string? Edge(OptimizationDocument d) => Core.Optimization.PathSloEdge.Sentence(
        [.. d.Path.Select(p => new Core.Optimization.PathSloEdge.Month(p.CalendarMonth, p.Outcome?.TtftP95Ms ?? double.NaN, p.Outcome?.TpotP95Ms ?? double.NaN,
            p.Outcome?.E2eP99Ms ?? double.NaN, p.Outcome?.SloMet ?? false,
            p.SecondSeed?.TtftP95Ms ?? double.NaN, p.SecondSeed?.TpotP95Ms ?? double.NaN, p.SecondSeed?.E2eP99Ms ?? double.NaN))],
        new Core.Optimization.PathSloEdge.Targets(d.Scenario.SloTtftP95Ms, d.Scenario.SloTpotP95Ms, d.Scenario.SloE2eP99Ms,
            d.Statistics.TtftP95Spread, d.Statistics.TpotP95Spread, d.Statistics.E2eP99Spread));

    /// <summary>
    /// <see cref="Sentences"/> for the run's reports, then the path against the run's baseline,
    /// with the one-time costs (migration, fine-tuning) of the option the search started from,
    /// which the search leaves out because every configuration would pay them.
    /// </summary>
    public static IReadOnlyList<string> RunSentences(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        OptimizationDocument d = s.Optimization ?? throw new ArgumentException("the summary has no optimization", nameof(s));
        var sentences = new List<string>(Sentences(d));
        OptionSection? start = s.Options.FirstOrDefault(o => o.Name == d.Search.BaseOption);
        OptionSection? baseline = s.Options.FirstOrDefault(o => o.Name == s.Baseline);
        if (start is null || baseline is null || start == baseline || d.PathSummary.TotalUsd is not double path || baseline.TotalCostUsd is not double b || b <= 0)
        {
            return sentences;
        }
        double oneTime = start.Monthly.Sum(m => (m.CostBreakdown.OneTimeUsd ?? 0) + (m.CostBreakdown.FineTuningUsd ?? 0));
        double total = path + oneTime;
        string with = oneTime > 0 ? $"With {start.Name}'s one-time costs ({Usd(oneTime)}) added, the path comes to {Usd(total)}" : $"The path comes to {Usd(total)}";
        sentences.Add($"{with} over {Core.Formatting.FigureFormat.Counted(d.Scenario.HorizonMonths, "month", "months")} against {Usd(b)} for the baseline {baseline.Name}: {Fmt.Percent(Math.Abs(b - total) / b)} {(total <= b ? "less" : "more")}.");
        OptionSection? recommended = s.Options.FirstOrDefault(o => o.Name == s.Recommendation.Option);
        if (recommended is { TotalCostUsd: double r } && total < r && recommended.Name != start.Name)
        {
            // The recommendation weighs the scenario's options as written; a cheaper path is not one of them.
            sentences.Add($"That is less than the recommended {recommended.Name} ({Usd(r)}), which the recommendation above nonetheless names: it weighs the scenario's options as they are configured, and this path, which changes configuration over time, is not one of them. " +
                "To weigh it on the same terms (noise, risks, break-even), add its configuration to the scenario as an option and run again.");
        }
        return sentences;
    }

    /// <summary>The path through time, one row per run of months on one configuration.</summary>
    public static TextTable PathTable(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var rows = new List<IReadOnlyList<string>>();
        foreach (PathSegmentSection g in d.PathSummary.Segments)
        {
            var months = d.Path.Where(p => p.Month >= g.FromMonth && p.Month <= g.ToMonth).ToList();
            var outcomes = months.Select(p => p.Outcome).OfType<OutcomeSection>().ToList();
            string cost = outcomes.Count == 0 ? "—" : outcomes.Count == 1 ? Usd(outcomes[0].GpuUsd) : $"{Usd(outcomes[0].GpuUsd)} → {Usd(outcomes[^1].GpuUsd)}";
            string gpus = outcomes.Count == 0 ? "—" : outcomes.Count == 1 ? Num(outcomes[0].MeanGpus) : $"{Num(outcomes[0].MeanGpus)} → {Num(outcomes[^1].MeanGpus)}";
            // Each month was verified twice (its own draws and a second set), and a configuration kept
            // only if it met the SLO under both: the worst of the two is what it met.
            int missed = months.Count(p => p.Outcome?.SloMet != true || p.SecondSeed?.SloMet == false);
            var both = months.SelectMany(p => new[] { p.Outcome, p.SecondSeed }).OfType<OutcomeSection>().ToList();
            string change = g.Switched ? "switch → " : g.Retuned ? "retune → " : "";
            rows.Add([
                Range(g.FromMonth, g.ToMonth), g.FromCalendarMonth, change + (g.Configuration?.Label ?? "nothing in the search space meets the SLO"),
                cost, gpus, Ms(outcomes.Count == 0 ? null : both.Max(o => o.TtftP95Ms ?? double.NaN)), missed == 0 ? "met" : $"missed in {missed}",
            ]);
        }
        return TextTable.Of(
            [("months", false), ("from", false), ("configuration", false), ("GPU cost / month", true), ("mean GPUs", true), ("worst p95 TTFT, both draws", true), ("SLO, both draws", false)],
            rows);
    }

    /// <summary>
    /// Where every candidate-level of a search went, in counts that add up: the single-type
    /// configurations × levels (and the mixes ranked at their levels) were ruled out by latency
    /// bounds, skipped by cost bounds or simulated in the levels' searches; stay checks then
    /// simulated some again where the path might stay or move early. (It read "2,223
    /// candidate-levels; … 314 simulated (… 13 stay checks …); 1,947 skipped", 2,261 in all: the stay
    /// checks counted twice and 25 mixes outside the 2,223.) The mixes are what the levels ranked
    /// by cost bound (<c>rankedTotal</c>) beyond the single-type configurations not ruled out.
    /// </summary>
    private static string SearchAccount(int candidates, int hardware, int levels, int candidateLevels, int latencyPruned, int rankedTotal,
        int evaluations, int mixEvaluations, int stayChecks, int prunedByCostBound)
    {
        int latencyLevels = latencyPruned * levels;
        int mixLevels = Math.Max(0, rankedTotal - (candidateLevels - latencyLevels));
        string mixes = mixLevels > 0 ? $", and {Core.Formatting.FigureFormat.Counted(mixLevels, "mix", "mixes")} of two GPU types ranked at their levels" : "";
        string of = mixLevels > 0 ? $"of these {candidateLevels + mixLevels:#,##0}, " : "";
        string stays = stayChecks > 0
            ? $"; then {Core.Formatting.FigureFormat.Counted(stayChecks, "stay check", "stay checks")} (configurations simulated at levels whose search had not, where the path might stay on them or move to them earlier): {evaluations:#,##0} simulations of a configuration at a level in all"
            : "";
        return $"{Core.Formatting.FigureFormat.Counted(candidates, "single-type configuration", "single-type configurations")} on {Core.Formatting.FigureFormat.Counted(hardware, "hardware choice", "hardware choices")} × {Core.Formatting.FigureFormat.Counted(levels, "load level", "load levels")} = {Core.Formatting.FigureFormat.Counted(candidateLevels, "candidate-level", "candidate-levels")}{mixes}; "
            + of + (latencyPruned > 0 ? $"{latencyLevels:#,##0} ruled out by latency bounds ({Core.Formatting.FigureFormat.Counted(latencyPruned, "configuration", "configurations")} at every level), " : "none ruled out by latency bounds, ")
            + $"{prunedByCostBound:#,##0} skipped by cost bounds and {evaluations - stayChecks:#,##0} simulated in the levels' searches ({Core.Formatting.FigureFormat.Counted(mixEvaluations, "mix", "mixes")} among all simulated){stays}";
    }

    /// <summary>Where every candidate-level of a search went (<see cref="SearchAccount(int, int, int, int, int, int, int, int, int, int)"/>).</summary>
    public static string SearchAccount(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        StatisticsSection st = d.Statistics;
        return SearchAccount(st.Candidates, st.HardwareConfigurations, st.Levels, st.CandidateLevels, st.PrunedByLatencyBound, d.Levels.Sum(l => l.Ranked),
            st.Evaluations, st.MixEvaluations, st.StayChecks, st.PrunedByCostBound);
    }

    /// <summary>How much was searched and simulated, for the section's fine print.</summary>
    public static string Method(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        StatisticsSection st = d.Statistics;
        return $"Searched by planner optimize (seed {d.Seed.ToString(C)}), load levels {d.Search.LevelStep.ToString("0.##", C)}× apart: {SearchAccount(d)}; {st.SimulatedRequests:#,##0} requests in all. A hardware switch is charged {Usd(d.Search.SwitchCostUsd)} and a retune {Usd(d.Search.RetuneCostUsd)}; "
            + "every month of the path was simulated again at its own volume. Every level, frontier and the method are in optimization.md and optimization.json beside this report.";
    }

    private static string Changes(PathSummarySection ps, SearchSection s)
    {
        var parts = new List<string>();
        if (ps.Switches > 0)
        {
            parts.Add($"{ps.Switches} hardware switch{(ps.Switches == 1 ? "" : "es")} at {Usd(s.SwitchCostUsd)}");
        }
        if (ps.Retunes > 0)
        {
            parts.Add($"{ps.Retunes} retune{(ps.Retunes == 1 ? "" : "s")} at {Usd(s.RetuneCostUsd)}");
        }
        return parts.Count == 0 ? "" : ", " + string.Join(" and ", parts);
    }

    private static string Range(int from, int to) => from == to ? from.ToString(C) : $"{from}–{to}";

    private static string Usd(double? v) => Fmt.Usd(v ?? double.NaN);

    private static string Ms(double? v) => Fmt.Ms(v ?? double.NaN);

    private static string Num(double? v) => Fmt.Number(v ?? double.NaN, "0.0");
}
