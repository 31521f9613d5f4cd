using System.Text;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Markdown;

/// <summary>Writes report.md: recommendation first, then the numbers behind it, assumptions and method.</summary>
public static class MarkdownReportWriter
{
    public static string Write(SummaryDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var md = new StringBuilder();
        md.Append("# ").Append(s.Scenario.Name).Append(" — Planner report\n\n");
        if (s.Scenario.Description.Length > 0)
        {
            md.Append("> ").Append(s.Scenario.Description.Trim().Replace("\n", " ", StringComparison.Ordinal)).Append("\n\n");
        }
        md.Append($"Scenario `{s.Scenario.Path}` · start {s.Scenario.StartMonth} · {s.Scenario.HorizonMonths} months · seed {s.Seed} · Planner {s.PlannerVersion}\n\n");
        md.Append("## Recommendation\n\n").Append(s.Recommendation.Text).Append("\n\n");

        md.Append("## Options at a glance\n\n");
        md.Append("| option | kind | month 1 cost | horizon month cost | cost / 1K requests (month 1 → horizon) | p95 TTFT at horizon | SLO attainment at horizon | total over horizon | break-even vs baseline |\n");
        md.Append("|---|---|--:|--:|--:|--:|--:|--:|---|\n");
        foreach (OptionSection o in s.Options)
        {
            MonthSection first = o.Monthly[0], last = o.Monthly[^1];
            md.Append($"| {o.Name}{(o.Name == s.Baseline ? " (baseline)" : "")} | {o.Kind} | {Usd(first.CostUsd)} | {Usd(last.CostUsd)} | {UsdP(first.CostPer1kRequestsUsd)} → {UsdP(last.CostPer1kRequestsUsd)} | {Ms(last.TtftP95Ms)} | {Pct(last.SloAttainment)} | {Usd(o.TotalCostUsd)} | {BreakEvenCell(s, o.Name)} |\n");
        }
        md.Append('\n');

        md.Append("## Break-even against ").Append(s.Baseline).Append("\n\n");
        md.Append("| option | break-even month | monthly cost crosses at | savings at horizon |\n|---|---|--:|--:|\n");
        foreach (BreakEvenSection b in s.BreakEven)
        {
            string month = b.Month is int m ? $"month {m} ({b.CalendarMonth})" : "not within the horizon";
            string cross = b.Crossover switch
            {
                "crosses" => Fmt.Count(b.CrossoverRequestsPerDay ?? double.NaN) + " requests/day",
                "cheaper_throughout" => "cheaper from month 1",
                _ => "never within the horizon",
            };
            md.Append($"| {b.Option} | {month} | {cross} | {Usd(b.SavingsAtHorizonUsd)} |\n");
        }
        md.Append('\n');

        md.Append("## Monthly cost (COGS) per option\n\n| month | requests/day |");
        foreach (OptionSection o in s.Options)
        {
            md.Append(' ').Append(o.Name).Append(" |");
        }
        md.Append("\n|---|--:|").Append(string.Concat(Enumerable.Repeat("--:|", s.Options.Count))).Append('\n');
        for (int i = 0; i < s.Scenario.HorizonMonths; i++)
        {
            md.Append($"| {s.Options[0].Monthly[i].CalendarMonth} | {Fmt.Count(s.Options[0].Monthly[i].RequestsPerDay ?? double.NaN)} |");
            foreach (OptionSection o in s.Options)
            {
                md.Append(' ').Append(Usd(o.Monthly[i].CostUsd)).Append(o.Monthly[i].SloMet ? "" : " ⚠").Append(" |");
            }
            md.Append('\n');
        }
        md.Append("\n⚠ marks a month whose latency percentiles miss the SLO or that rejects over 1% of requests.\n\n");

        if (s.Warnings.Count > 0)
        {
            md.Append("## Warnings\n\n");
            foreach (string w in s.Warnings)
            {
                md.Append("- ").Append(w).Append('\n');
            }
            md.Append('\n');
        }

        md.Append("## Assumptions\n\n");
        md.Append($"SLO: p95 TTFT ≤ {Target(s.Scenario.SloTtftP95Ms)}, p95 TPOT ≤ {Target(s.Scenario.SloTpotP95Ms)}, p99 end-to-end ≤ {Target(s.Scenario.SloE2eP99Ms)}.");
        if (s.Scenario.RevenuePerRequestUsd is double rev)
        {
            md.Append($" Revenue per request: {Fmt.UsdPrecise(rev)}.");
        }
        md.Append("\n\n| input | value | source | as of |\n|---|---|---|---|\n");
        foreach (AssumptionSection a in s.Assumptions)
        {
            md.Append($"| `{a.Path}` | {a.Value} | {a.Source} | {a.AsOf ?? "—"}{(a.Stale ? " ⚠ stale" : "")} |\n");
        }
        md.Append("\nPerformance model per option:\n\n");
        foreach (OptionSection o in s.Options)
        {
            md.Append("- **").Append(o.Name).Append("**: ").Append(o.PerformanceSource).Append('\n');
        }

        md.Append("\n## Methodology\n\n");
        md.Append("Each month, Planner simulates every option against the same generated traffic (same seed, same requests) with a discrete-event engine. ");
        md.Append("A month is represented by one weekday and one weekend day, each simulated hour by hour after a warm-up, and weighted by how many such days the calendar month has. ");
        md.Append($"When a day would exceed {Fmt.Count(s.Simulation.MaxRequestsPerDay)} requests, each hour is simulated as a shorter segment (at least {Fmt.Number(s.Simulation.MinSegmentSeconds, "0")} s) at that hour's true rate and weighted up to the hour. ");
        md.Append("API options: requests pass RPM/TPM token buckets and availability, back off exponentially when limited, and are billed per token. ");
        md.Append("Self-hosted options: replicas behind a least-outstanding-requests router, batched prefill and decode with step times from the performance model, KV-cache admission, an autoscaler with cold starts; GPUs billed from provisioning to stop at the billing granularity. ");
        md.Append("Latency percentiles come from mergeable histograms with 1% relative error. ");
        md.Append($"This run simulated {Fmt.Count(s.Simulation.SimulatedRequests)} requests ({Fmt.Count(s.Simulation.SimulatedEvents)} events).\n\n");

        md.Append("## Appendix: monthly figures\n\n");
        foreach (OptionSection o in s.Options)
        {
            md.Append("### ").Append(o.Name).Append("\n\n");
            md.Append("| month | requests | rejected | COGS | GPU serving | GPU idle | GPU cold start | API tokens | fixed | one-time | cost / 1K req | p95 TTFT | p95 TPOT | p99 e2e | SLO attainment | GPU-hours | mean replicas | peak replicas |\n");
            md.Append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            foreach (MonthSection m in o.Monthly)
            {
                CostBreakdownSection c = m.CostBreakdown;
                md.Append($"| {m.CalendarMonth} | {Fmt.Count(m.Requests ?? double.NaN)} | {Fmt.Count(m.RequestsRejected ?? double.NaN)} | {Usd(m.CostUsd)} | {Usd(c.GpuServingUsd)} | {Usd(c.GpuIdleUsd)} | {Usd(c.GpuColdStartUsd)} | {Usd(c.ApiTokensUsd)} | {Usd(c.FixedUsd)} | {Usd(c.OneTimeUsd)} | {UsdP(m.CostPer1kRequestsUsd)} | {Ms(m.TtftP95Ms)} | {Ms(m.TpotP95Ms)} | {Ms(m.E2eP99Ms)} | {Pct(m.SloAttainment)} | {Fmt.Number(m.GpuHours ?? double.NaN, "#,##0")} | {Fmt.Number(m.MeanReplicas ?? double.NaN, "0.00")} | {Fmt.Number(m.PeakReplicas ?? double.NaN, "0")} |\n");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string BreakEvenCell(SummaryDocument s, string option)
    {
        if (option == s.Baseline)
        {
            return "—";
        }
        BreakEvenSection b = s.BreakEven.First(x => x.Option == option);
        return b.Month is int m ? $"month {m} ({b.CalendarMonth})" : "not within horizon";
    }

    private static string Usd(double? v) => Fmt.Usd(v ?? double.NaN);

    private static string UsdP(double? v) => Fmt.UsdPrecise(v ?? double.NaN);

    private static string Ms(double? v) => Fmt.Ms(v ?? double.NaN);

    private static string Pct(double? v) => Fmt.Percent(v ?? double.NaN);

    private static string Target(double? ms) => ms is double v ? Fmt.Ms(v) : "not set";
}
