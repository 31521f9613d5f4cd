using System.Text;
using Planner.Reports.Figures;
using Planner.Reports.Formatting;
using Planner.Reports.Json;
using Planner.Reports.Narrative;
using static Planner.Reports.Markdown.MarkdownText;

namespace Planner.Reports.Markdown;

/// <summary>
/// Writes report.md: recommendation first, then the numbers behind it, risks, charts (SVG files
/// linked relative to the report, so a code host renders them), uncertainty, sensitivity and
/// fine-tuning when the summary has them, assumptions and method.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The report with its charts linked from charts/.</summary>
    public static string Write(SummaryDocument s) => Write(s, ReportCharts.Build(s), ReportSet.ChartFolder);

    /// <summary>The report with <paramref name="charts"/> linked from <paramref name="chartFolder"/> (relative to the report).</summary>
    /// <param name="s">The run.</param>
    /// <param name="charts">Its charts.</param>
    /// <param name="chartFolder">Where they are, relative to the report.</param>
    /// <param name="chartsNote">Said in the charts section when the charts could not be drawn (<see cref="ReportSet.ChartsMissingNote"/>); null when they were.</param>
    public static string Write(SummaryDocument s, IReadOnlyList<ReportChart> charts, string chartFolder, string? chartsNote = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(charts);
        ReportFacts facts = ReportFacts.From(s);
        var md = new StringBuilder();
        md.Append("# ").Append(Text(s.Scenario.Name)).Append(" — Planner report\n\n");
        if (s.Scenario.Description.Length > 0)
        {
            md.Append("> ").Append(Text(s.Scenario.Description.Trim().Replace("\n", " ", StringComparison.Ordinal))).Append("\n\n");
        }
        md.Append($"Scenario `{s.Scenario.Path}` · start {s.Scenario.StartMonth} · {s.Scenario.HorizonMonths} months · seed {s.Seed} · Planner {s.PlannerVersion}\n\n");
        md.Append("## Recommendation\n\n").Append(Text(s.Recommendation.Text)).Append("\n\n");
        foreach (KeyFigure k in facts.KeyFigures)
        {
            md.Append("- **").Append(k.Label).Append(":** ").Append(Text(k.Value)).Append(" — ").Append(Text(k.Note)).Append('\n');
        }
        md.Append('\n');

        md.Append("## Options at a glance\n\n");
        md.Append("| option | kind | month 1 COGS | horizon month COGS | cost / 1K requests served (month 1 → horizon) | p95 TTFT at horizon | SLO attainment at horizon | total over horizon, one-time costs included | break-even vs baseline |\n");
        md.Append("|---|---|--:|--:|--:|--:|--:|--:|---|\n");
        foreach (OptionSection o in s.Options)
        {
            MonthSection first = o.Monthly[0], last = o.Monthly[^1];
            md.Append($"| {Cell(o.Name)}{(o.Name == s.Baseline ? " (baseline)" : "")} | {o.Kind} | {Usd(first.CostUsd)} | {Usd(last.CostUsd)} | {UsdP(first.CostPer1kRequestsUsd)} → {UsdP(last.CostPer1kRequestsUsd)} | {Ms(last.TtftP95Ms)} | {Pct(last.SloAttainment)}{(o.MeetsSloThroughout ? "" : " (misses)")} | {Usd(o.TotalCostUsd)} | {BreakEvenCell(s, o)} |\n");
        }
        md.Append('\n');
        if (GlanceMissNote(s.Options.Select(o => (o.Name == s.Baseline, o.MeetsSloThroughout))) is string note)
        {
            md.Append(note).Append("\n\n");
        }

        md.Append("## Break-even against ").Append(Text(s.Baseline)).Append("\n\n");
        md.Append($"| option | break-even month | cheaper per month from | savings by {facts.LastMonth} |\n|---|---|--:|--:|\n");
        bool anyMisses = false;
        foreach (BreakEvenSection b in s.BreakEven)
        {
            // A break-even compares cost alone: one that misses the SLO is marked, as in the monthly table.
            bool misses = s.Options.FirstOrDefault(o => o.Name == b.Option) is { MeetsSloThroughout: false };
            anyMisses |= misses;
            string month = BreakEvenMonth(b) + (misses ? " ⚠" : "");
            md.Append($"| {Cell(b.Option)} | {month} | {ReportFacts.CheaperPerMonthFrom(b)} | {Usd(facts.ShownSavings(b))} |\n");
        }
        md.Append('\n');
        md.Append($"Savings are {Text(s.Baseline)}'s cumulative cost minus the option's, one-time costs included: a negative figure means the option costs more. "
            + "Cheaper per month from gives the daily volume at which the two monthly costs cross, interpolated between the months either side; the option stays cheaper after it "
            + "(month 1: cheaper from the first month; not by the horizon: never cheaper per month).\n");
        md.Append(anyMisses ? "\n⚠ marks an option that misses the SLO in some month: its break-even compares cost alone.\n\n" : "\n");
        foreach (string crossing in ReportFacts.CrossingTieNotes(s).Concat(ReportFacts.CrossingHistoryNotes(s)))
        {
            md.Append(Text(crossing)).Append("\n\n");
        }

        md.Append("## Main risks\n\n");
        foreach (string risk in facts.Risks)
        {
            md.Append("- ").Append(Text(risk)).Append('\n');
        }
        md.Append('\n');

        md.Append("## Charts\n\n");
        if (chartsNote is not null)
        {
            md.Append("> ").Append(Text(chartsNote)).Append("\n\n");
        }
        List<ReportChart> shown = charts.Where(ReportCharts.InChartsSection).ToList();
        foreach (string group in shown.Select(c => c.Group).Distinct(StringComparer.Ordinal))
        {
            md.Append("### ").Append(group).Append("\n\n");
            Figures(md, shown.Where(c => c.Group == group), chartFolder);
        }

        Uncertainty(md, s, charts, chartFolder);
        Sensitivity(md, s, charts, chartFolder);
        Optimization(md, s, charts, chartFolder);
        FineTuning(md, s);

        md.Append("## Monthly cost (COGS) per option\n\n| month | requests/day | requests (planned) |");
        foreach (OptionSection o in s.Options)
        {
            md.Append(' ').Append(Cell(o.Name)).Append(" |");
        }
        md.Append("\n|---|--:|--:|").Append(string.Concat(Enumerable.Repeat("--:|", s.Options.Count))).Append('\n');
        for (int i = 0; i < s.Scenario.HorizonMonths; i++)
        {
            MonthSection first = s.Options[0].Monthly[i];
            md.Append($"| {first.CalendarMonth} | {Fmt.Count(first.RequestsPerDay ?? double.NaN)} | {(first.PlannedRequests is double planned ? Fmt.Count(planned) : "—")} |");
            foreach (OptionSection o in s.Options)
            {
                md.Append(' ').Append(Usd(o.Monthly[i].CostUsd)).Append(o.Monthly[i].SloMet ? "" : " ⚠").Append(" |");
            }
            md.Append('\n');
        }
        // The mark is explained only where the table has one.
        md.Append(s.Options.Any(o => o.Monthly.Any(m => !m.SloMet)) ? "\n⚠ marks a month whose latency percentiles miss the SLO or that rejects or leaves unfinished over 1% of requests. " : "\n")
            .Append("Requests (planned) is the month's volume as the scenario plans it; each option's own table gives the requests its simulated days drew, within sampling noise of it.\n\n");

        if (s.Warnings.Count > 0)
        {
            md.Append("## Warnings\n\n");
            foreach (string w in s.Warnings)
            {
                md.Append("- ").Append(Text(w)).Append('\n');
            }
            md.Append('\n');
        }

        Workload(md, s);

        md.Append("## Assumptions\n\n");
        md.Append($"SLO: {s.Scenario.SloTargets("p95 TTFT", "p95 TPOT", "p99 end-to-end")}.");
        if (s.Scenario.RevenuePerRequestUsd is double rev)
        {
            md.Append($" Revenue per request: {Fmt.UsdPrecise(rev)}.");
        }
        md.Append("\n\n| input | value | source | as of |\n|---|---|---|---|\n");
        foreach (AssumptionSection a in s.Assumptions)
        {
            md.Append($"| `{a.Path}` | {Cell(a.Value)} | {Cell(a.Source)} | {a.AsOf ?? "—"}{(a.Stale ? " ⚠ stale" : "")} |\n");
        }
        if (DecisionNarrative.FinanceSentence(s) is string finance)
        {
            md.Append('\n').Append(finance).Append('\n');
        }
        if (s.PriceEvents is { Count: > 0 })
        {
            md.Append("\nPrice events (every monthly cost in this report includes them):\n\n");
            Table(md, DecisionNarrative.PriceEventTable(s));
        }
        md.Append("\nPerformance model per option:\n\n");
        foreach (OptionSection o in s.Options)
        {
            md.Append("- **").Append(Text(o.Name)).Append("**: ").Append(Text(o.PerformanceSource));
            if (ReportFacts.LatencyFloorSentence(o) is string floor)
            {
                md.Append(". ").Append(Text(floor)).Append('.');
            }
            md.Append('\n');
        }

        md.Append("\n## Terms used in this report\n\n");
        foreach ((string term, string meaning) in Glossary.Terms(s))
        {
            md.Append("- **").Append(term).Append("**: ").Append(Text(meaning)).Append('\n');
        }
        md.Append("\n## Methodology\n\n");
        foreach (string paragraph in Methodology.Paragraphs(s))
        {
            md.Append(paragraph).Append("\n\n");
        }

        md.Append("## Appendix: monthly figures\n\n");
        // As the HTML appendix marks them.
        md.Append("Costs in USD per month.")
            .Append(s.Options.Any(o => o.Monthly.Any(m => !m.SloMet)) ? " ⚠ marks a month that misses the SLO (a latency percentile over its target, or over 1% of requests rejected or left unfinished)." : "")
            .Append("\n\n");
        foreach (OptionSection o in s.Options)
        {
            md.Append("### ").Append(Text(o.Name)).Append("\n\n");
            // A hybrid's API tokens are its overflow's: the requests it sent are beside them.
            bool hybrid = o.Kind == "hybrid";
            // A fleet with spot capacity: its spot share and interruptions, to check its bill by.
            bool spot = o.Fleet?.Spot is not null;
            md.Append("| month | requests | rejected | unfinished |").Append(hybrid ? " overflowed to API |" : "")
                .Append(" COGS | GPU serving | GPU idle | GPU cold start | GPU stranded | API tokens | fixed | one-time | cost / 1K served | p95 TTFT | p95 TPOT | p99 e2e | SLO attainment | GPU-hours | mean replicas | peak replicas | mean instances |")
                .Append(spot ? " spot GPU-hours | spot interruptions |\n" : "\n");
            md.Append("|---|--:|--:|--:|").Append(hybrid ? "--:|" : "").Append("--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|").Append(spot ? "--:|--:|\n" : "\n");
            // An API has no GPUs, replicas or instances: "—", as the HTML appendix shows them.
            bool hosted = o.Kind != "api";
            string Capacity(double? value, string format) => hosted ? Fmt.Number(value ?? double.NaN, format) : "—";
            foreach (MonthSection m in o.Monthly)
            {
                CostBreakdownSection c = m.CostBreakdown;
                md.Append($"| {m.CalendarMonth} | {Fmt.Count(m.Requests ?? double.NaN)} | {Fmt.Count(m.RequestsRejected ?? double.NaN)} | {Fmt.Count(m.Unfinished() ?? double.NaN)} |{(hybrid ? $" {Overflowed(m)} |" : "")} {Usd(m.CostUsd)} | {Usd(c.GpuServingUsd)} | {Usd(c.GpuIdleUsd)} | {Usd(c.GpuColdStartUsd)} | {Usd(c.GpuStrandedUsd)} | {Usd(c.ApiTokensUsd)} | {Usd(c.FixedUsd)} | {Usd(c.OneTimeUsd)} | {UsdP(m.CostPer1kRequestsUsd)} | {Ms(m.TtftP95Ms)} | {Ms(m.TpotP95Ms)} | {Ms(m.E2eP99Ms)} | {Pct(m.SloAttainment)}{(m.SloMet ? "" : " ⚠")} | {Capacity(m.GpuHours, "#,##0")} | {Capacity(m.MeanReplicas, "0.00")} | {Capacity(m.PeakReplicas, "0")} | {Capacity(m.MeanInstances, "0.00")} |{(spot ? $" {Fmt.Number(m.SpotGpuHours ?? double.NaN, "#,##0")} | {Fmt.Count(m.SpotInterruptions ?? double.NaN)} |" : "")}\n");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    private static void Figures(StringBuilder md, IEnumerable<ReportChart> charts, string chartFolder)
    {
        foreach (ReportChart chart in charts)
        {
            // Titles and captions name options: kept from being read as HTML, as every other option name is.
            md.Append("![").Append(Text(chart.Spec.Title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal))).Append("](")
                .Append(chartFolder).Append('/').Append(chart.FileName).Append(")\n\n");
            if (chart.Caption.Length > 0)
            {
                md.Append('*').Append(Text(chart.Caption)).Append("*\n\n");
            }
        }
    }

    private static void Uncertainty(StringBuilder md, SummaryDocument s, IReadOnlyList<ReportChart> charts, string chartFolder)
    {
        if (!DecisionNarrative.HasUncertainty(s))
        {
            return;
        }
        md.Append("## Uncertainty\n\n").Append(Text(string.Join(" ", DecisionNarrative.UncertaintySentences(s)))).Append("\n\n");
        Figures(md, charts.Where(c => c.Group == ReportCharts.UncertaintyGroup), chartFolder);
        md.Append("### Net present value and probabilities per option\n\n");
        Table(md, DecisionNarrative.OutcomeTable(s));
        if (s.Uncertainty!.Inputs.Count > 0)
        {
            md.Append("\n### Uncertain inputs\n\n");
            Table(md, DecisionNarrative.InputTable(s), codeColumn: 1);
        }
        md.Append('\n').Append(Text(DecisionNarrative.UncertaintyMethod(s))).Append("\n\n");
        if (DecisionNarrative.SurrogateCheckTable(s) is TextTable checks)
        {
            md.Append("### Surrogate check\n\n");
            Table(md, checks);
            md.Append('\n');
        }
    }

    private static void Sensitivity(StringBuilder md, SummaryDocument s, IReadOnlyList<ReportChart> charts, string chartFolder)
    {
        if (!DecisionNarrative.HasSensitivity(s))
        {
            return;
        }
        md.Append("## Sensitivity\n\n").Append(Text(string.Join(" ", DecisionNarrative.SensitivitySentences(s)))).Append("\n\n");
        Figures(md, charts.Where(c => c.Group == ReportCharts.SensitivityGroup), chartFolder);
        Table(md, DecisionNarrative.SensitivityTable(s));
        md.Append('\n').Append(Text(DecisionNarrative.SensitivityMethod(s))).Append("\n\n");
    }

    private static void Optimization(StringBuilder md, SummaryDocument s, IReadOnlyList<ReportChart> charts, string chartFolder)
    {
        if (!OptimizationNarrative.Has(s))
        {
            return;
        }
        Reports.Optimization.OptimizationDocument d = s.Optimization!;
        md.Append("## Configuration search\n\n").Append(Text(string.Join(" ", OptimizationNarrative.RunSentences(s)))).Append("\n\n");
        Table(md, OptimizationNarrative.PathTable(d));
        md.Append('\n');
        Figures(md, charts.Where(c => c.Group == ReportCharts.OptimizationGroup), chartFolder);
        md.Append(Text(OptimizationNarrative.Method(d))).Append(" See [optimization.md](optimization.md).\n\n");
    }

    /// <summary>
    /// The traffic, as its own section just before the assumptions: its tables would otherwise run
    /// into the table of sourced prices under one heading. Absent for summaries written before it was recorded.
    /// </summary>
    private static void Workload(StringBuilder md, SummaryDocument s)
    {
        if (!WorkloadNarrative.Has(s))
        {
            return;
        }
        md.Append("## Workload\n\n").Append(Text(WorkloadNarrative.Lead(s))).Append("\n\n");
        if (WorkloadNarrative.TraceTable(s) is TextTable trace)
        {
            Table(md, trace, codeColumn: 0);
            md.Append('\n');
        }
        Table(md, WorkloadNarrative.VolumeTable(s));
        md.Append('\n');
        foreach (string line in WorkloadNarrative.Lines(s))
        {
            md.Append("- ").Append(Text(line)).Append('\n');
        }
        md.Append('\n');
        if (WorkloadNarrative.ClassTable(s) is TextTable classes)
        {
            Table(md, classes);
            md.Append('\n').Append(Text(WorkloadNarrative.ClassNote(s))).Append("\n\n");
        }
        foreach (string credit in WorkloadNarrative.Credits(s))
        {
            md.Append(Text(credit)).Append("\n\n");
        }
    }

    private static void FineTuning(StringBuilder md, SummaryDocument s)
    {
        if (!DecisionNarrative.HasFineTuning(s))
        {
            return;
        }
        md.Append("## Fine-tuning\n\n");
        foreach (string sentence in DecisionNarrative.FineTuningSentences(s))
        {
            md.Append(Text(sentence)).Append("\n\n");
        }
        Table(md, DecisionNarrative.FineTuningTable(s));
        md.Append("\nCost-optimal: the checkpoint interval with the lowest expected cost on a search grid. Young/Daly: √(2 × checkpoint write time × mean time between failures), the classic first-order optimum.\n\n");
    }

    private static string BreakEvenCell(SummaryDocument s, OptionSection option)
    {
        if (option.Name == s.Baseline)
        {
            return "—";
        }
        BreakEvenSection? b = s.BreakEven.FirstOrDefault(x => x.Option == option.Name);
        return b is null ? "—" : BreakEvenMonth(b) + (option.MeetsSloThroughout ? "" : " ⚠");
    }

    /// <summary>
    /// Under the options table, where an option misses the SLO in some month (the console says the
    /// same); null when none does. The ⚠ part only where an option other than the baseline is marked.
    /// </summary>
    public static string? GlanceMissNote(IEnumerable<(bool IsBaseline, bool MeetsSloThroughout)> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missing = options.Where(o => !o.MeetsSloThroughout).ToList();
        return missing.Count == 0 ? null
            : "(misses): the option misses the SLO in at least one month (the attainment shown is the horizon month's)"
                + (missing.Any(o => !o.IsBaseline) ? "; ⚠: its break-even compares cost alone." : ".");
    }

    /// <summary>"86,686 (1.21%)": a hybrid's requests sent to its API in a month, and their share of the month's.</summary>
    internal static string Overflowed(MonthSection m) => m.OverflowedRequests switch
    {
        null => "—",
        < 0.5 => "0",
        double o => $"{Fmt.Count(o)} ({Narrative.ReportFacts.SmallPercent(o / Math.Max(1, m.Requests ?? 0))})",
    };

    /// <summary>The break-even month as both tables give it.</summary>
    private static string BreakEvenMonth(BreakEvenSection b) => b.Month is int m ? $"month {m} ({b.CalendarMonth})" : "not within horizon";

    private static string Usd(double? v) => Fmt.Usd(v ?? double.NaN);

    private static string UsdP(double? v) => Fmt.UsdPrecise(v ?? double.NaN);

    private static string Ms(double? v) => Fmt.Ms(v ?? double.NaN);

    private static string Pct(double? v) => Fmt.Percent(v ?? double.NaN);

}
