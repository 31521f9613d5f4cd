using System.Globalization;
using Planner.Reports.Charts;
using Planner.Reports.Formatting;

namespace Planner.Reports.Optimization;

/// <summary>
/// The charts of optimization.md, drawn from optimization.json alone: the path through time
/// (GPU cost per month on the path against the scenario's own option, switches marked) and, per
/// frontier month, every simulated configuration's cost against its p95 TTFT with the Pareto
/// frontier drawn through the ones that meet the SLO.
/// </summary>
public static class OptimizationCharts
{
    /// <summary>Every chart of a configuration search has an id (and file name) starting with this.</summary>
    public const string IdPrefix = "optimization-";

    public const string PathChartId = IdPrefix + "path";

    /// <summary>File-name stem of the frontier chart of a month.</summary>
    public static string FrontierChartId(int month) => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}pareto-month-{month}");

    public static IReadOnlyList<ChartSpec> Build(OptimizationDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var charts = new List<ChartSpec> { PathChart(d) };
        charts.AddRange(d.Frontiers.Select(f => FrontierChart(d, f)));
        return charts;
    }

    private static ChartSpec PathChart(OptimizationDocument d)
    {
        IReadOnlyList<string> months = d.Path.Select(p => p.CalendarMonth).ToList();
        var path = d.Path.Select((p, i) => new ChartPoint(i, p.Outcome?.GpuUsd ?? double.NaN)).ToList();
        var reference = d.Path.Select((p, i) => new ChartPoint(i, p.Reference.GpuUsd ?? double.NaN)).ToList();
        var markers = d.Path.Select((p, i) => (p, i)).Where(x => x.p.Switched || x.i == 0)
            .Select(x => new ChartMarker(x.i, x.p.Outcome?.GpuUsd ?? double.NaN, x.p.Hardware ?? "")).ToList();
        string last = months.Count > 0 ? months[^1] : "";
        return new ChartSpec
        {
            Id = PathChartId,
            Title = "GPU cost per month on the optimized path",
            Description = $"Monthly GPU cost of the configuration chosen for each month, simulated at that month's volume, against {d.PathSummary.ReferenceOption} as configured in the scenario. "
                + $"{d.PathSummary.Switches} hardware switch{(d.PathSummary.Switches == 1 ? "" : "es")}, each marked with the hardware moved to. In {last}: path {Fmt.Usd(path.Count > 0 ? path[^1].Y : double.NaN)}, {d.PathSummary.ReferenceOption} {Fmt.Usd(reference.Count > 0 ? reference[^1].Y : double.NaN)}.",
            X = new ChartAxis { Categories = months },
            Y = new ChartAxis { Label = "USD per month (GPU serving, idle, cold start and unused)", Format = ValueFormat.Currency },
            Legend = true,
            Series =
            [
                new ChartSeries { Name = "optimized path", Points = path },
                new ChartSeries { Name = $"{d.PathSummary.ReferenceOption} as configured", Points = reference, Style = SeriesStyle.Dashed, ColorIndex = 1 },
            ],
            Markers = markers,
        };
    }

    private static ChartSpec FrontierChart(OptimizationDocument d, FrontierSection f)
    {
        var feasible = f.Points.Where(p => p.Outcome.SloMet && !p.OnFrontier).Select(Point).ToList();
        var missing = f.Points.Where(p => !p.Outcome.SloMet).Select(Point).ToList();
        var frontier = f.Points.Where(p => p.OnFrontier).Select(Point).OrderBy(p => p.X).ToList();
        var reference = new List<ReferenceLine>();
        if (d.Scenario.SloTtftP95Ms is double slo)
        {
            reference.Add(new ReferenceLine(slo, $"SLO p95 TTFT {Fmt.Ms(slo)}"));
        }
        string cheapest = frontier.Count > 0
            ? $"The cheapest that meets the SLO costs {Fmt.Usd(frontier[0].X)} a month at {Fmt.Ms(frontier[0].Y)} p95 TTFT; the fastest on the frontier costs {Fmt.Usd(frontier[^1].X)} at {Fmt.Ms(frontier[^1].Y)}."
            : "None of the simulated configurations meets the SLO.";
        // The axis follows the SLO and the configurations that meet it; those far slower are
        // marked at its edge. A log scale only where what remains spans a factor of ten or more.
        double? top = AxisFocus.UpperLimit([frontier.Select(p => p.Y).ToList(), feasible.Select(p => p.Y).ToList(), missing.Select(p => p.Y).ToList()], d.Scenario.SloTtftP95Ms);
        List<double> shown = f.Points.Select(p => p.Outcome.TtftP95Ms ?? double.NaN).Where(v => v > 0 && v <= (top ?? double.MaxValue)).ToList();
        bool log = shown.Count > 0 && shown.Max() / shown.Min() >= 10;
        string scale = log ? " (log scale)" : "";
        return new ChartSpec
        {
            Id = FrontierChartId(f.Month),
            Title = $"Cost against p95 TTFT, month {f.Month} ({f.CalendarMonth})",
            Description = $"{f.Points.Count} configurations simulated at {Fmt.Count(f.RequestsPerDay ?? double.NaN)} requests/day: monthly GPU cost against p95 time to first token{scale}. {cheapest}",
            X = new ChartAxis { Label = "GPU cost, USD per month", Format = ValueFormat.Currency },
            Y = new ChartAxis { Label = "p95 time to first token" + scale, Format = ValueFormat.Milliseconds, Scale = log ? AxisScale.Logarithmic : AxisScale.Linear, Max = top },
            Legend = true,
            Series =
            [
                new ChartSeries { Name = "Pareto frontier", Points = frontier, ColorIndex = 0 },
                new ChartSeries { Name = "meets the SLO", Points = feasible, Style = SeriesStyle.Points, ColorIndex = 5 },
                new ChartSeries { Name = "misses the SLO", Points = missing, Style = SeriesStyle.Points, ColorIndex = 3 },
            ],
            ReferenceLines = reference,
        };
    }

    private static ChartPoint Point(FrontierPointSection p) => new(p.Outcome.GpuUsd ?? double.NaN, p.Outcome.TtftP95Ms ?? double.NaN);
}
