using System.Globalization;
using System.Text;
using Planner.Reports.Charts;
using Planner.Reports.Formatting;
using Planner.Reports.Json;
using Planner.Reports.Optimization;

namespace Planner.Reports.Figures;

/// <summary>
/// Chooses the report's charts from summary.json: cost (total, monthly, cumulative with
/// break-even, breakdown per option, per 1K requests), latency against the SLO, capacity
/// (utilization, replicas, and a representative day where the summary has one), and, when the
/// summary has a decision analysis, uncertainty (a fan of monthly COGS, pay-off probabilities)
/// and sensitivity (a tornado). Charts whose data is absent are left out rather than drawn empty.
/// </summary>
public static class ReportCharts
{
    public const string CostGroup = "Cost";
    public const string LatencyGroup = "Latency";
    public const string CapacityGroup = "Capacity";
    /// <summary>Monte Carlo charts, shown in the report's Uncertainty section rather than under Charts.</summary>
    public const string UncertaintyGroup = "Uncertainty";
    /// <summary>The tornado, shown in the report's Sensitivity section rather than under Charts.</summary>
    public const string SensitivityGroup = "Sensitivity";
    /// <summary>The charts of <c>planner optimize</c>, shown in the report's Configuration search section.</summary>
    public const string OptimizationGroup = "Configuration search";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly (string Name, int Color, Func<CostBreakdownSection, double?> Value)[] CostParts =
    [
        ("GPU serving", 0, c => c.GpuServingUsd),
        ("GPU idle", 5, c => c.GpuIdleUsd),
        ("GPU cold start", 3, c => c.GpuColdStartUsd),
        ("GPU stranded", 6, c => c.GpuStrandedUsd),
        ("API tokens", 1, c => c.ApiTokensUsd),
        ("Fixed costs", 2, c => c.FixedUsd),
    ];

    public static IReadOnlyList<ReportChart> Build(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var charts = new List<ReportChart>();
        IReadOnlyList<string> months = summary.Options[0].Monthly.Select(m => m.CalendarMonth).ToList();
        string first = months[0], last = months[^1];
        var monthAxis = new ChartAxis { Categories = months };

        charts.Add(TotalCost(summary));
        charts.Add(new ReportChart(new ChartSpec
        {
            Id = "monthly-cogs",
            Title = "Monthly cost of goods sold per option",
            Description = $"Monthly COGS of each option from {first} to {last}. In {last}: {AtHorizon(summary.Options, m => m.CostUsd, Fmt.Usd)}.",
            X = monthAxis,
            Y = new ChartAxis { Label = "USD per month (GPU, API tokens and fixed costs)", Format = ValueFormat.Currency },
            Legend = true,
            Series = PerOption(summary.Options, summary.Options, m => m.CostUsd),
        }, CostGroup, "What each option costs per month as traffic grows. Lines that cross mark the volume where the cheaper option changes."));

        charts.Add(Cumulative(summary, monthAxis));
        charts.AddRange(Breakdowns(summary, monthAxis));

        charts.Add(new ReportChart(new ChartSpec
        {
            Id = "cost-per-1k",
            Title = "Cost per 1,000 requests",
            Description = $"Cost per 1,000 requests served, per option and month, on a logarithmic scale. In {last}: {AtHorizon(summary.Options, m => m.CostPer1kRequestsUsd, Fmt.UsdPrecise)}.",
            X = monthAxis,
            Y = new ChartAxis { Label = "USD per 1,000 requests served (log scale)", Format = ValueFormat.Currency, Scale = AxisScale.Logarithmic },
            Legend = true,
            Series = PerOption(summary.Options, summary.Options, m => m.CostPer1kRequestsUsd),
        }, CostGroup, "Unit economics: fixed GPU capacity and salaries are spread over more requests as volume grows."));

        charts.AddRange(Latency(summary, monthAxis));
        charts.AddRange(Capacity(summary, monthAxis));
        charts.AddRange(Day(summary));
        charts.AddRange(Uncertainty(summary, monthAxis));
        charts.AddRange(Sensitivity(summary));
        charts.AddRange(Optimization(summary));
        return charts;
    }

    /// <summary>Whether a chart belongs under the report's Charts heading (the decision-analysis charts have sections of their own).</summary>
    public static bool InChartsSection(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Group is not (UncertaintyGroup or SensitivityGroup or OptimizationGroup);
    }

    /// <summary>The path through time and the Pareto frontiers of the configuration search, drawn as optimization.md draws them (same files).</summary>
    private static IEnumerable<ReportChart> Optimization(SummaryDocument summary)
    {
        if (summary.Optimization is not OptimizationDocument d || d.Path.Count == 0)
        {
            yield break;
        }
        foreach (ChartSpec chart in OptimizationCharts.Build(d))
        {
            string caption = chart.Id == OptimizationCharts.PathChartId
                ? "The solid line is what the path costs each month; the dashed line is the scenario's own self-hosted option. Each marker is a move to other hardware."
                : "Each dot is a configuration simulated at this month's load. The line joins those that meet the SLO and that nothing else beats on both cost and p95 TTFT: moving along it buys latency with money.";
            yield return new ReportChart(chart, OptimizationGroup, caption);
        }
    }

    /// <summary>A file-name-safe form of an option name: lower case letters, digits and dashes.</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            bool keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        string slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "option" : slug;
    }

    private static ReportChart TotalCost(SummaryDocument summary)
    {
        int months = summary.Options[0].Monthly.Count;
        var categories = summary.Options.Select(o => o.Name).ToList();
        OptionSection cheapest = summary.Options.MinBy(o => o.TotalCostUsd ?? double.MaxValue)!;
        return new ReportChart(new ChartSpec
        {
            Id = "total-cost",
            Kind = ChartKind.Bar,
            Title = $"Total cost over {months.ToString(C)} months",
            Description = $"Total cost over the horizon, including one-time costs: {string.Join("; ", summary.Options.Select(o => o.Name + " " + Fmt.Usd(o.TotalCostUsd ?? double.NaN)))}. Cheapest: {cheapest.Name}.",
            X = new ChartAxis { Categories = categories },
            Y = new ChartAxis { Label = "USD, COGS plus one-time costs", Format = ValueFormat.Currency },
            Series = [new ChartSeries { Name = "Total cost", Points = summary.Options.Select((o, i) => new ChartPoint(i, o.TotalCostUsd ?? double.NaN)).ToList() }],
            ValueLabels = true,
            Height = 100 + 44 * categories.Count,
        }, CostGroup, "The whole horizon in one number per option; the recommendation weighs this against the SLO.");
    }

    private static ReportChart Cumulative(SummaryDocument summary, ChartAxis monthAxis)
    {
        // One break-even, the recommended option's best alternative's, as in the recommendation and the cards.
        var markers = new List<ChartMarker>();
        string? note = null;
        string pair = "";
        string? invalid = null;
        if (summary.Recommendation.Alternative is { } a)
        {
            string cheaper = a.CheaperAtHorizon, dearer = a.MoreExpensiveAtHorizon(summary.Recommendation.Option);
            pair = $"{cheaper} against {dearer}";
            OptionSection? o = summary.Options.FirstOrDefault(x => x.Name == cheaper);
            bool recommendedMeetsSlo = summary.Options.FirstOrDefault(x => x.Name == summary.Recommendation.Option) is { MeetsSloThroughout: true };
            if (a.CheaperOnlyByMissingSlo(recommendedMeetsSlo))
            {
                // Switching to an option that misses the SLO never "pays for itself" (as the break-even card says).
                invalid = $"{cheaper} costs less, but misses the SLO in {a.MonthsMissingSlo.ToString(C)} of {summary.Options[0].Monthly.Count.ToString(C)} months, so no break-even point is marked";
            }
            else if (a.BreakEvenMonth is int m && o is not null && m >= 1 && m <= o.Monthly.Count)
            {
                // From the first month there is nothing to pay back, as the break-even card says: not a "break-even".
                markers.Add(new ChartMarker(m - 1, o.Monthly[m - 1].CumulativeCostUsd ?? double.NaN,
                    m == 1 ? $"{cheaper} cheaper from the start" : $"{cheaper} breaks even, {a.BreakEvenCalendarMonth}"));
                note = m == 1
                    ? $"{cheaper}'s cumulative cost is at or below {dearer}'s from the start ({a.BreakEvenCalendarMonth}), one-time costs included: there is nothing to pay back"
                    : $"{cheaper} breaks even against {dearer} in {a.BreakEvenCalendarMonth}";
            }
        }
        string last = summary.Options[0].Monthly[^1].CalendarMonth;
        string breakEven = note is not null
            ? note + "."
            : invalid is not null ? invalid + "."
            : pair.Length > 0 ? $"{pair}: no break-even within the horizon." : "No break-even: a single option.";
        return new ReportChart(new ChartSpec
        {
            Id = "cumulative-cost",
            Title = "Cumulative cost, with break-even points",
            Description = $"Cumulative cost including one-time costs per option. {breakEven} In {last}: {AtHorizon(summary.Options, m => m.CumulativeCostUsd, Fmt.Usd)}.",
            X = monthAxis,
            Y = new ChartAxis { Label = "USD spent since the first month, incl. one-time costs", Format = ValueFormat.Currency },
            Legend = true,
            Series = PerOption(summary.Options, summary.Options, m => m.CumulativeCostUsd),
            Markers = markers,
        }, CostGroup, note is not null && summary.Recommendation.Alternative?.BreakEvenMonth == 1
            ? $"A ring marks the first month: {note}."
            : note is not null
            ? $"A ring marks the month from which the cumulative cost of the option cheaper per month at the horizon stays at or below its alternative's, when switching has paid for itself: {note}."
            : invalid is not null ? $"The recommended option's best alternative, {invalid}."
            : pair.Length > 0
                ? $"The recommended option and its best alternative ({pair}) do not break even within the horizon, so no break-even point is marked."
                : "A single option: no break-even point to mark.");
    }

    private static IEnumerable<ReportChart> Breakdowns(SummaryDocument summary, ChartAxis monthAxis)
    {
        double max = summary.Options.SelectMany(o => o.Monthly)
            .Select(m => CostParts.Sum(p => Math.Max(0, p.Value(m.CostBreakdown) ?? 0))).DefaultIfEmpty(0).Max();
        var used = new HashSet<string>(StringComparer.Ordinal);
        // A compressed month bills the cold starts its faster load hides out of its idle time, as far
        // as that goes (Methodology says why): for a fleet busy almost all the time, a reader
        // multiplying the count by a cold start's GPU time gets more than the chart shows.
        string compressed = summary.Options.Any(o => o.Kind != "api" && o.Monthly.Any(m => m.Compression > 1))
            ? " (in a compressed month, the cold starts that the sped-up traffic hides are billed only up to the month's idle time and the rest as serving, so for a fleet busy almost all the time this share is a lower bound; see Methodology)"
            : "";
        string caption = $"GPU serving is GPU time spent on requests; idle is GPU time paid for while waiting; cold start is provisioning and loading weights{compressed}; "
            + "stranded is the GPUs of rented instances that hold no replica; API tokens are what an API bills; fixed costs are people and other monthly costs. All options share one scale.";
        foreach (OptionSection o in summary.Options)
        {
            string id = "cost-breakdown-" + Slug(o.Name);
            for (int k = 2; !used.Add(id); k++)
            {
                id = "cost-breakdown-" + Slug(o.Name) + "-" + k.ToString(C);
            }
            var series = CostParts
                .Where(p => o.Monthly.Any(m => p.Value(m.CostBreakdown) is > 0))
                .Select(p => new ChartSeries
                {
                    Name = p.Name,
                    ColorIndex = p.Color,
                    Points = o.Monthly.Select((m, i) => new ChartPoint(i, p.Value(m.CostBreakdown) ?? 0)).ToList(),
                })
                .ToList();
            MonthSection end = o.Monthly[^1];
            string parts = string.Join(", ", CostParts.Where(p => p.Value(end.CostBreakdown) is > 0).Select(p => $"{p.Name.ToLowerInvariant()} {Fmt.Usd(p.Value(end.CostBreakdown)!.Value)}"));
            yield return new ReportChart(new ChartSpec
            {
                Id = id,
                Kind = ChartKind.StackedArea,
                Title = $"Where the money goes: {o.Name}",
                Description = $"Monthly cost of {o.Name} stacked by destination. In {end.CalendarMonth}: {(parts.Length > 0 ? parts : "nothing")}.",
                X = monthAxis,
                Y = new ChartAxis { Label = "USD per month (same scale for every option)", Format = ValueFormat.Currency, Max = max > 0 ? max : null },
                Series = series,
                Legend = true,
                Height = 310,
            }, CostGroup, caption);
            caption = "";
        }
    }

    private static IEnumerable<ReportChart> Latency(SummaryDocument summary, ChartAxis monthAxis)
    {
        ScenarioSection s = summary.Scenario;
        string last = summary.Options[0].Monthly[^1].CalendarMonth;
        List<OptionSection> withTtft = summary.Options.Where(o => o.Monthly.Any(m => m.TtftP95Ms is not null)).ToList();
        if (withTtft.Count > 0)
        {
            yield return new ReportChart(new ChartSpec
            {
                Id = "ttft-p95",
                Title = "Time to first token, 95th percentile",
                Description = $"p95 time to first token per option and month{(s.SloTtftP95Ms is double t ? $", against the SLO of {Fmt.Ms(t)}" : "")}. In {last}: {AtHorizon(withTtft, m => m.TtftP95Ms, Fmt.Ms)}.",
                X = monthAxis,
                // An option far above the SLO would squash the SLO line and the options near it.
                Y = new ChartAxis { Label = "milliseconds until the first token arrives", Format = ValueFormat.Milliseconds, Max = AxisFocus.UpperLimit(Values(withTtft, m => m.TtftP95Ms), s.SloTtftP95Ms) },
                Legend = true,
                Series = PerOption(summary.Options, withTtft, m => m.TtftP95Ms),
                ReferenceLines = s.SloTtftP95Ms is double slo ? [new ReferenceLine(slo, $"SLO: p95 ≤ {Fmt.Ms(slo)}")] : [],
            }, LatencyGroup, "How long 1 request in 20 waits for its first token. Above the dashed line the option misses the SLO.");
        }
        List<OptionSection> withE2e = summary.Options.Where(o => o.Monthly.Any(m => m.E2eP99Ms is not null)).ToList();
        if (withE2e.Count > 0)
        {
            yield return new ReportChart(new ChartSpec
            {
                Id = "e2e-p99",
                Title = "End-to-end latency, 99th percentile",
                Description = $"p99 end-to-end latency per option and month{(s.SloE2eP99Ms is double t ? $", against the SLO of {Fmt.Ms(t)}" : "")}. In {last}: {AtHorizon(withE2e, m => m.E2eP99Ms, Fmt.Ms)}.",
                X = monthAxis,
                Y = new ChartAxis { Label = "time until the last token, incl. waiting and back-off", Format = ValueFormat.Milliseconds, Max = AxisFocus.UpperLimit(Values(withE2e, m => m.E2eP99Ms), s.SloE2eP99Ms) },
                Legend = true,
                Series = PerOption(summary.Options, withE2e, m => m.E2eP99Ms),
                ReferenceLines = s.SloE2eP99Ms is double slo ? [new ReferenceLine(slo, $"SLO: p99 ≤ {Fmt.Ms(slo)}")] : [],
            }, LatencyGroup, "The slowest 1% of complete answers, including any queueing and rate-limit back-off.");
        }
    }

    private static IEnumerable<ReportChart> Capacity(SummaryDocument summary, ChartAxis monthAxis)
    {
        List<OptionSection> hosted = summary.Options.Where(o => o.Kind != "api" && o.Monthly.Any(m => m.MeanReplicas is > 0)).ToList();
        if (hosted.Count == 0)
        {
            yield break;
        }
        string last = summary.Options[0].Monthly[^1].CalendarMonth;
        yield return new ReportChart(new ChartSpec
        {
            Id = "utilization",
            Title = "GPU utilization of self-hosted options",
            Description = $"Share of ready replica time with at least one request in flight, per self-hosted option and month. In {last}: {AtHorizon(hosted, m => m.Utilization, Fmt.Percent)}.",
            X = monthAxis,
            Y = new ChartAxis { Label = "share of ready replica time with a request in flight", Format = ValueFormat.Percent, Max = 1 },
            Legend = true,
            Series = PerOption(summary.Options, hosted, m => m.Utilization),
        }, CapacityGroup, "Idle GPUs are paid for too: low utilization means capacity kept warm for peaks or for latency. "
            + "A replica counts as busy with one request in flight, so high utilization need not mean full batches or a saturated GPU.");
        yield return new ReportChart(new ChartSpec
        {
            Id = "replicas",
            Title = "Mean replicas per month",
            Description = $"Average number of running replicas per self-hosted option and month. In {last}: {AtHorizon(hosted, m => m.MeanReplicas, v => Fmt.Number(v, "0.0"))}.",
            X = monthAxis,
            Y = new ChartAxis { Label = "replicas running, averaged over the month", Format = ValueFormat.Si },
            Legend = true,
            Series = PerOption(summary.Options, hosted, m => m.MeanReplicas),
        }, CapacityGroup, "How the autoscaler grows each fleet with traffic.");
    }

    private static IEnumerable<ReportChart> Day(SummaryDocument summary)
    {
        List<OptionSection> withDay = summary.Options.Where(o => o.Timeline is { Points.Count: > 0 }).ToList();
        if (withDay.Count == 0)
        {
            yield break;
        }
        TimelineSection t = withDay[0].Timeline!;
        var traffic = t.Points.Select(p => new ChartPoint(p.StartSeconds / 3600, p.RequestsPerSecond)).ToList();
        yield return new ReportChart(new ChartSpec
        {
            Id = "day-traffic",
            Title = $"Traffic over a representative day ({t.Day}, {t.CalendarMonth})",
            Description = $"Offered requests per second over one {t.Day} in {t.CalendarMonth}, peaking at {Fmt.Number(t.Points.Max(p => p.RequestsPerSecond), "#,##0.0")} requests/s.",
            X = new ChartAxis { Format = ValueFormat.HourOfDay, Min = 0, Max = 24, Label = "time of day" },
            Y = new ChartAxis { Label = "requests per second", Format = ValueFormat.Si },
            Series = [new ChartSeries { Name = "requests/s", Points = traffic }],
        }, CapacityGroup, "The daily shape the autoscaler has to follow.");
        List<OptionSection> withReplicas = withDay.Where(o => o.Timeline!.Points.Any(p => p.Replicas is not null)).ToList();
        if (withReplicas.Count > 0)
        {
            yield return new ReportChart(new ChartSpec
            {
                Id = "day-replicas",
                Title = $"Replicas over a representative day ({t.Day}, {t.CalendarMonth})",
                Description = $"Running replicas per self-hosted option over one {t.Day} in {t.CalendarMonth}.",
                X = new ChartAxis { Format = ValueFormat.HourOfDay, Min = 0, Max = 24, Label = "time of day" },
                Y = new ChartAxis { Label = "replicas running", Format = ValueFormat.Si },
                Legend = true,
                Series = withReplicas.Select(o => new ChartSeries
                {
                    Name = o.Name,
                    ColorIndex = IndexOf(summary.Options, o),
                    Points = o.Timeline!.Points.Select(p => new ChartPoint(p.StartSeconds / 3600, p.Replicas ?? double.NaN)).ToList(),
                }).ToList(),
            }, CapacityGroup, withReplicas.All(o => Steady(o.Timeline!.Points))
                ? "Each fleet holds the same replicas all day: its load does not move enough over the day to need another, or to spare one."
                : "Scale-up follows the rise in load after a cold start; scale-down waits for the stabilisation window.");
        }
    }

    /// <summary>A fan of monthly COGS (median line over a P10–P90 band) for every option, and the chance each alternative has paid off by each month.</summary>
    private static IEnumerable<ReportChart> Uncertainty(SummaryDocument summary, ChartAxis monthAxis)
    {
        if (summary.Uncertainty is not { Options.Count: > 0 } u)
        {
            yield break;
        }
        string last = summary.Options[0].Monthly[^1].CalendarMonth;
        string samples = $"{Fmt.Count(u.Samples)} samples";
        var shown = u.Options.Where(o => o.MonthlyCogsUsd.Count > 0).ToList();
        if (shown.Count > 0)
        {
            var series = new List<ChartSeries>();
            foreach (OptionUncertaintySection o in shown)
            {
                series.Add(new ChartSeries
                {
                    Name = o.Name + " P10–P90",
                    Kind = SeriesKind.Band,
                    ColorIndex = ColorOf(summary, o.Name),
                    Points = o.MonthlyCogsUsd.Select((b, i) => new ChartPoint(i, b.P90 ?? double.NaN)).ToList(),
                    Lower = o.MonthlyCogsUsd.Select((b, i) => new ChartPoint(i, b.P10 ?? double.NaN)).ToList(),
                    InLegend = false,
                });
            }
            foreach (OptionUncertaintySection o in shown)
            {
                series.Add(new ChartSeries
                {
                    Name = o.Name,
                    ColorIndex = ColorOf(summary, o.Name),
                    Points = o.MonthlyCogsUsd.Select((b, i) => new ChartPoint(i, b.P50 ?? double.NaN)).ToList(),
                });
            }
            string atHorizon = string.Join(", ", shown.Select(o => $"{o.Name} {Fmt.Usd(o.MonthlyCogsUsd[^1].P50 ?? double.NaN)} ({Fmt.Usd(o.MonthlyCogsUsd[^1].P10 ?? double.NaN)} to {Fmt.Usd(o.MonthlyCogsUsd[^1].P90 ?? double.NaN)})"));
            yield return new ReportChart(new ChartSpec
            {
                Id = "uncertainty-monthly-cogs",
                Title = "Monthly cost of goods sold: median and P10–P90",
                Description = $"Median monthly COGS per option over {samples}, with the range from the 10th to the 90th percentile shaded. In {last}, median (P10 to P90): {atHorizon}.",
                X = monthAxis,
                Y = new ChartAxis { Label = $"USD per month; line: median, shaded: P10–P90 of {samples}", Format = ValueFormat.Currency },
                Legend = true,
                Series = series,
            }, UncertaintyGroup, "Each band is one option's own spread, drawn apart from the others'; the options' costs move together with the inputs they share (traffic above all), "
                + "so overlapping bands do not mean the order is in doubt, nor parted bands that it is settled: how often each option is cheapest is the Uncertainty section's share of samples.");
        }

        var alternatives = u.Options.Where(o => o.Name != u.Baseline && o.PaidOffByMonth is { Count: > 0 }).ToList();
        if (alternatives.Count > 0)
        {
            string byHorizon = string.Join(", ", alternatives.Select(o => $"{o.Name} {Fmt.Percent(o.PaidOffByMonth![^1])}"));
            yield return new ReportChart(new ChartSpec
            {
                Id = "uncertainty-paid-off",
                Title = $"Probability of having paid off against {u.Baseline}",
                Description = $"Share of {samples} in which each option's cumulative cost has fallen to or below {u.Baseline}'s by each month. By {last}: {byHorizon}.",
                X = monthAxis,
                Y = new ChartAxis { Label = $"share of {samples} paid off by the month", Format = ValueFormat.Percent, Min = 0, Max = 1 },
                Legend = true,
                Series = alternatives.Select(o => new ChartSeries
                {
                    Name = o.Name,
                    Kind = SeriesKind.Step,
                    ColorIndex = ColorOf(summary, o.Name),
                    Points = o.PaidOffByMonth!.Select((p, i) => new ChartPoint(i, p)).ToList(),
                }).ToList(),
            }, UncertaintyGroup, "Each step is the share of samples whose break-even month has come; a line that stays low means switching rarely pays within the horizon.");
        }
    }

    /// <summary>The tornado: each input's savings at its P10 and P90 around the base case, largest swing on top.</summary>
    private static IEnumerable<ReportChart> Sensitivity(SummaryDocument summary)
    {
        if (summary.Sensitivity is not { Bars.Count: > 0 } t)
        {
            yield break;
        }
        string last = summary.Options[0].Monthly[^1].CalendarMonth;
        double origin = t.BaseSavingsUsd ?? 0;
        var categories = t.Bars.Select(b => b.Label).ToList();
        string bars = string.Join("; ", t.Bars.Select(b => $"{b.Label} {Fmt.Usd(b.SavingsAtLowUsd ?? double.NaN)} at P10, {Fmt.Usd(b.SavingsAtHighUsd ?? double.NaN)} at P90"));
        yield return new ReportChart(new ChartSpec
        {
            Id = "sensitivity-tornado",
            Kind = ChartKind.Tornado,
            Title = $"What moves the savings of {t.Option}",
            Description = $"Cumulative savings of {t.Option} against {t.Baseline} by {last} with one input at its 10th or 90th percentile and the others at their medians; base case {Fmt.Usd(origin)}. {bars}.",
            X = new ChartAxis { Categories = categories },
            Y = new ChartAxis { Label = $"savings against {t.Baseline} by {last}, USD", Format = ValueFormat.Currency },
            Series =
            [
                new ChartSeries { Name = "input at its P10", ColorIndex = 5, Points = t.Bars.Select((b, i) => new ChartPoint(i, b.SavingsAtLowUsd ?? double.NaN)).ToList() },
                new ChartSeries { Name = "input at its P90", ColorIndex = 0, Points = t.Bars.Select((b, i) => new ChartPoint(i, b.SavingsAtHighUsd ?? double.NaN)).ToList() },
            ],
            BarBase = origin,
            ReferenceLines = [new ReferenceLine(origin, $"base case {Fmt.Usd(origin)}")],
            ValueLabels = true,
            Legend = true,
            Height = 130 + 40 * categories.Count,
        }, SensitivityGroup, "Bars run from the base case (dashed) to the savings with the input at its 10th (light) and 90th (dark) percentile; the longest bars are the inputs worth pinning down first.");
    }

    /// <summary>The palette slot of an option by its name, so it keeps its colour in the decision charts too.</summary>
    private static int ColorOf(SummaryDocument summary, string option)
    {
        for (int i = 0; i < summary.Options.Count; i++)
        {
            if (summary.Options[i].Name == option)
            {
                return i;
            }
        }
        return summary.Options.Count;
    }

    private static List<ChartSeries> PerOption(IReadOnlyList<OptionSection> all, IReadOnlyList<OptionSection> shown, Func<MonthSection, double?> value) =>
        shown.Select(o => new ChartSeries
        {
            Name = o.Name,
            // An option keeps its colour in every chart, even where others are left out.
            ColorIndex = IndexOf(all, o),
            Points = o.Monthly.Select((m, i) => new ChartPoint(i, value(m) ?? double.NaN)).ToList(),
        }).ToList();

    private static IEnumerable<IReadOnlyList<double>> Values(IEnumerable<OptionSection> options, Func<MonthSection, double?> value) =>
        options.Select(o => (IReadOnlyList<double>)o.Monthly.Select(m => value(m) ?? double.NaN).ToList());

    private static int IndexOf(IReadOnlyList<OptionSection> options, OptionSection option)
    {
        for (int i = 0; i < options.Count; i++)
        {
            if (ReferenceEquals(options[i], option))
            {
                return i;
            }
        }
        return 0;
    }

    private static string AtHorizon(IEnumerable<OptionSection> options, Func<MonthSection, double?> value, Func<double, string> format) =>
        string.Join(", ", options.Select(o => o.Name + " " + format(value(o.Monthly[^1]) ?? double.NaN)));

    /// <summary>Whether a day's replicas stay within half a replica of one number (the caption then has no ramp to describe).</summary>
    private static bool Steady(IEnumerable<TimelinePointSection> points)
    {
        List<double> replicas = [.. points.Select(p => p.Replicas).OfType<double>()];
        return replicas.Count == 0 || replicas.Max() - replicas.Min() < 0.5;
    }
}
