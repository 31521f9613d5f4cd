using System.Globalization;
using Planner.Core.Optimization;
using Planner.Core.Specs;
using Planner.Reports.Formatting;
using Planner.Scenarios.Optimization;
using Spectre.Console;

namespace Planner.Cli.Console;

/// <summary>The console view of <c>planner optimize</c>: the search space, then the results.</summary>
public static class OptimizationTables
{
    public static void Header(IAnsiConsole console, ScenarioSpec spec, CandidateSet set, SearchSpace space, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(settings);
        SelfHostedOptionSpec b = space.BaseOption;
        console.MarkupLine($"[bold]{Markup.Escape(spec.Name)}[/] — optimize {Markup.Escape(b.Model.Name)} ({Markup.Escape(OptimizationStatistics.SettingsAndCostsOf(b.Name))}) over {Core.Formatting.FigureFormat.Counted(spec.HorizonMonths, "month", "months")} from {spec.StartMonth:yyyy-MM}, seed {spec.Seed}");
        console.WriteLine($"SLO: {Slo(spec.Slo)}");
        string gpus = string.Join(", ", set.Offers.Select(o => $"{o.Gpu.Id} on {o.InstanceLabel} {Fmt.UsdPrice(o.Pricing.PricePerGpuHourUsd)}/GPU-h"));
        int hardware = space.Candidates.Select(DeploymentCandidate.HardwareOf).Distinct(StringComparer.Ordinal).Count();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Search space: {Core.Formatting.FigureFormat.Counted(space.Candidates.Count, "configuration", "configurations")} on {Core.Formatting.FigureFormat.Counted(hardware, "hardware choice", "hardware choices")}; GPUs (on-demand): {gpus}; mixes {(space.Mixes ? "on" : "off")}; load levels {settings.LevelStep:0.##}× apart; switch cost {Fmt.Usd(settings.SwitchCostUsd)}{(settings.Prune ? "" : "; exhaustive")}"));
        foreach (string note in set.Notes)
        {
            console.WriteLine("  note: " + note);
        }
        console.WriteLine();
    }

    public static void Results(IAnsiConsole console, OptimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.Write(Levels(result));
        console.WriteLine();
        console.Write(Path(result));
        console.WriteLine();
        foreach (FrontierResult f in result.Frontiers)
        {
            console.Write(Frontier(f, result.Levels.FirstOrDefault(l => l.Level.Index == f.Level)));
            console.WriteLine();
        }
        foreach (string line in Summary(result))
        {
            console.WriteLine(line);
        }
        console.WriteLine();
    }

    /// <summary>One row per load level: the cheapest configuration meeting the SLO and what the search did.</summary>
    public static Table Levels(OptimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new Table().Border(TableBorder.Rounded).Title("Cheapest configuration meeting the SLO at each load level")
            .AddColumn("months")
            .AddColumn(new TableColumn("requests/day").RightAligned())
            .AddColumn("configuration")
            .AddColumn(new TableColumn("GPU /mo").RightAligned())
            .AddColumn(new TableColumn("mean GPUs").RightAligned())
            .AddColumn(new TableColumn("p95 TTFT").RightAligned())
            .AddColumn(new TableColumn("p95 TPOT").RightAligned())
            .AddColumn(new TableColumn("simulated").RightAligned())
            .AddColumn(new TableColumn("skipped by bound").RightAligned());
        foreach (LevelResult l in result.Levels)
        {
            CandidateEvaluation? b = l.Best;
            t.AddRow(
                Months(l.Level.Months),
                Fmt.Count(l.Level.RequestsPerDay),
                Markup.Escape(b?.Candidate.Label ?? "none meets the SLO"),
                b is null ? "—" : Fmt.Usd(b.GpuUsd),
                b is null ? "—" : Gpus(b.Outcome.MeanGpus),
                b is null ? "—" : Ttft(b.Outcome.TtftP95Ms),
                b is null ? "—" : Tpot(b.Outcome.TpotP95Ms),
                Fmt.Count(l.Evaluations.Count),
                Fmt.Count(l.PrunedByCostBound));
        }
        t.Caption(Markup.Escape(Planner.Reports.Optimization.OptimizationMarkdownWriter.LevelNote));
        return t;
    }

    /// <summary>The path through time as runs of one configuration, simulated at each month's own load.</summary>
    public static Table Path(OptimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new Table().Border(TableBorder.Rounded)
            .Title($"Path through time (a hardware switch costs {Fmt.Usd(result.Settings.SwitchCostUsd)}, new settings on the same hardware {Fmt.Usd(result.Settings.RetuneCostUsd)})")
            .AddColumn("months")
            .AddColumn("configuration")
            .AddColumn(new TableColumn("GPU /mo").RightAligned())
            .AddColumn(new TableColumn("mean GPUs").RightAligned())
            .AddColumn(new TableColumn("worst p95 TTFT, both draws").RightAligned())
            .AddColumn("SLO, both draws");
        foreach (PathSegment s in result.Segments)
        {
            var months = result.Path.Where(p => p.Month >= s.FromMonth && p.Month <= s.ToMonth).ToList();
            var outcomes = months.Select(p => p.Outcome).OfType<ConfigurationOutcome>().ToList();
            string range(Func<ConfigurationOutcome, double> f, Func<double, string> fmt) => outcomes.Count == 0 ? "—"
                : outcomes.Count == 1 ? fmt(f(outcomes[0])) : $"{fmt(f(outcomes[0]))} → {fmt(f(outcomes[^1]))}";
            // The verification simulates each month twice (its own draws and a second set) and keeps a
            // configuration only if it meets the SLO under both: the worst of the two is what it met.
            int missed = months.Count(p => p.Outcome?.SloMet != true || p.SecondSeed?.SloMet == false);
            var both = months.SelectMany(p => new[] { p.Outcome, p.SecondSeed }).OfType<ConfigurationOutcome>().ToList();
            t.AddRow(
                $"{Months(months.Select(p => p.Month).ToList())} ({Fmt.Month(months[0].CalendarMonth)})",
                Markup.Escape((s.Switched ? "switch → " : s.Retuned ? "retune → " : "") + (s.Candidate?.Label ?? "nothing in the search space meets the SLO")),
                range(o => o.GpuUsd, Fmt.Usd),
                range(o => o.MeanGpus, Gpus),
                outcomes.Count == 0 ? "—" : Ttft(both.Max(o => o.TtftP95Ms)),
                missed == 0 ? "met" : $"missed in {missed} month{(missed == 1 ? "" : "s")}");
        }
        return t;
    }

    public static Table Frontier(FrontierResult f, LevelResult? level = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var t = new Table().Border(TableBorder.Rounded)
            .Title($"Pareto frontier, month {f.Month} ({Fmt.Month(f.CalendarMonth)}; at its load level, {Fmt.Count(f.RequestsPerDay)} requests/day): GPU cost against p95 TTFT")
            .AddColumn("configuration")
            .AddColumn(new TableColumn("GPU /mo").RightAligned())
            .AddColumn(new TableColumn("p95 TTFT").RightAligned())
            .AddColumn(new TableColumn("p95 TPOT").RightAligned())
            .AddColumn(new TableColumn("p99 end-to-end").RightAligned());
        foreach (CandidateEvaluation e in f.Frontier)
        {
            t.AddRow(Markup.Escape(e.Candidate.Label), Fmt.Usd(e.GpuUsd), Ttft(e.Outcome.TtftP95Ms), Tpot(e.Outcome.TpotP95Ms), Fmt.Ms(Fmt.Round(e.Outcome.E2eP99Ms, 1) ?? double.NaN));
        }
        if (f.Frontier.Count == 0)
        {
            t.AddRow("none of the simulated configurations meets the SLO", "—", "—", "—", "—");
        }
        IReadOnlyList<string> excluded = level?.Excluded ?? [];
        t.Caption(Markup.Escape(Planner.Reports.Optimization.OptimizationMarkdownWriter.FrontierCaption(f.Points.Count, f.Points.Count(p => p.SloMet),
            f.Points.Count(p => p.SloMet && excluded.Contains(p.Candidate.Id)), Fmt.Month(f.CalendarMonth),
            level is null ? null : Fmt.Month(level.Level.CalendarMonth), level?.Level.Months)));
        return t;
    }

    /// <summary>The totals in sentences.</summary>
    public static IReadOnlyList<string> Summary(OptimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        double path = result.PathTotalUsd, reference = result.ReferenceTotalUsd;
        string baseName = result.Space.BaseOption.Name;
        int months = result.Path.Count;
        if (double.IsFinite(path))
        {
            double fixedUsd = result.Path.Sum(p => p.FixedUsd);
            double switches = result.Path.Sum(p => p.SwitchUsd);
            lines.Add($"Path over {Core.Formatting.FigureFormat.Counted(months, "month", "months")}: {Fmt.Usd(path)} (GPUs {Fmt.Usd(path - fixedUsd - switches)}, fixed costs {Fmt.Usd(fixedUsd)}, {result.Switches} hardware switch{(result.Switches == 1 ? "" : "es")} and {result.Retunes} retune{(result.Retunes == 1 ? "" : "s")} {Fmt.Usd(switches)}); SLO {(result.PathMeetsSlo ? "met every month" : "missed in some months")} at each month's own load, under two sets of random draws.");
        }
        bool referenceMeets = result.Path.All(p => p.Reference.SloMet);
        double noise = result.Statistics.NoiseShare;
        double totalNoise = noise / Math.Sqrt(Math.Max(1, months));
        string comparison = double.IsFinite(path) && reference > 0
            ? $" The path costs {Fmt.Percent(Math.Abs(reference - path) / reference)} {(path <= reference ? "less" : "more")}"
              + (Math.Abs(reference - path) / reference < totalNoise ? $", within the search's noise over {Core.Formatting.FigureFormat.Counted(months, "month", "months")} (±{Fmt.Percent(totalNoise)}): a tie on cost." : ".")
            : "";
        lines.Add($"{baseName} as configured in the scenario: {Fmt.Usd(reference)} over the same months; SLO {(referenceMeets ? "met every month" : $"missed in {Core.Formatting.FigureFormat.Counted(result.Path.Count(p => !p.Reference.SloMet), "month", "months")}")}.{comparison}");
        if (OptimizationStatistics.HybridFleetSentence(baseName) is string hybrid)
        {
            lines.Add(hybrid);
        }
        if (noise > 0)
        {
            lines.Add(OptimizationStatistics.NoiseSentence(noise));
        }
        // As optimization.json stores the figures, so that the console and the reports flag the same months.
        if (PathSecondSeed.Sentence(
            [.. result.Path.Select(p => new PathSecondSeed.Month(Fmt.Month(p.CalendarMonth), Stored(p.Outcome?.GpuUsd, 2), p.Outcome?.SloMet ?? false,
                Stored(p.SecondSeed?.GpuUsd, 2), p.SecondSeed?.SloMet ?? false))]) is string second)
        {
            lines.Add(second);
        }
        SloSpec slo = result.Scenario.Slo;
        OptimizationStatistics st = result.Statistics;
        string? oscillation = PathOscillation.Sentence(
            [.. result.Path.Select(p => new PathOscillation.Month(Fmt.Month(p.CalendarMonth), DateTime.DaysInMonth(p.CalendarMonth.Year, p.CalendarMonth.Month),
                Stored(p.Outcome?.ColdStarts, 1), Stored(p.Outcome?.RampScaleUps, 2), p.Outcome?.ReplicasPerUnit ?? 1,
                Stored(p.SecondSeed?.ColdStarts, 1), Stored(p.SecondSeed?.RampScaleUps, 2)))],
            st.ReplacedForOscillation, result.Settings.AvoidOscillation && result.Settings.Prune);
        if (PathSloEdge.Sentence(
            [.. result.Path.Select(p => new PathSloEdge.Month(Fmt.Month(p.CalendarMonth), Stored(p.Outcome?.TtftP95Ms, 1), Stored(p.Outcome?.TpotP95Ms, 2), Stored(p.Outcome?.E2eP99Ms, 1), p.Outcome?.SloMet ?? false,
                Stored(p.SecondSeed?.TtftP95Ms, 1), Stored(p.SecondSeed?.TpotP95Ms, 2), Stored(p.SecondSeed?.E2eP99Ms, 1)))],
            new PathSloEdge.Targets(slo.TtftP95Ms, slo.TpotP95Ms, slo.E2eP99Ms, Stored4(st.TtftP95Spread), Stored4(st.TpotP95Spread), Stored4(st.E2eP99Spread))) is string edge)
        {
            lines.Add(edge);
        }
        if (oscillation is not null)
        {
            lines.Add(oscillation);
        }
        return lines;
    }

    private static double Stored(double? ms, int digits) => ms is double v ? Fmt.Round(v, digits) ?? double.NaN : double.NaN;

    private static double? Stored4(double? share) => share is double v ? Fmt.Round(v, 4) : null;

    // The figures as optimization.json stores them (OptimizationJsonWriter), then formatted as
    // optimization.md formats them, so that the console and the report round the same way
    // (mean GPUs 1.1467 is stored as 1.15: both pages say 1.2).
    private static string Gpus(double meanGpus) => Fmt.Number(Fmt.Round(meanGpus, 2) ?? double.NaN, "0.0");

    private static string Ttft(double ms) => Fmt.Ms(Fmt.Round(ms, 1) ?? double.NaN);

    private static string Tpot(double ms) => Fmt.Ms(Fmt.Round(ms, 2) ?? double.NaN);

    private static string Months(IReadOnlyList<int> months) =>
        months.Count == 0 ? "" : months.Count == 1 ? months[0].ToString(CultureInfo.InvariantCulture) : $"{months[0]}–{months[^1]}";

    private static string Slo(SloSpec slo)
    {
        var parts = new List<string>();
        if (slo.TtftP95Ms is double t)
        {
            parts.Add($"p95 TTFT ≤ {Fmt.Ms(t)}");
        }
        if (slo.TpotP95Ms is double p)
        {
            parts.Add($"p95 TPOT ≤ {Fmt.Ms(p)}");
        }
        if (slo.E2eP99Ms is double e)
        {
            parts.Add($"p99 end-to-end ≤ {Fmt.Ms(e)}");
        }
        parts.Add("under 1% rejected");
        return string.Join(", ", parts);
    }
}
