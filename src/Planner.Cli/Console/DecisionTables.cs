using Planner.Core.Decision;
using Planner.Reports.Formatting;
using Spectre.Console;

namespace Planner.Cli.Console;

/// <summary>Console tables of a Monte Carlo and a tornado.</summary>
public static class DecisionTables
{
    public static Table MonteCarlo(MonteCarloResult mc, int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(mc);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Monte Carlo: {mc.Samples:#,##0} {(mc.Samples == 1 ? "sample" : "samples")}, NPV at {Fmt.Percent(mc.DiscountRatePerYear)}/yr, P10 · P50 · P90")
            .AddColumn("option")
            .AddColumn(new TableColumn("NPV of costs").RightAligned())
            .AddColumn(new TableColumn($"NPV saved vs {Markup.Escape(mc.BaselineName)}").RightAligned())
            .AddColumn(new TableColumn($"paid off by month {horizonMonths}").RightAligned())
            .AddColumn(new TableColumn("median break-even").RightAligned())
            .AddColumn(new TableColumn("meets SLO").RightAligned())
            .AddColumn(new TableColumn("lowest NPV").RightAligned());
        // As the report: the shares of the samples in which each option is cheapest add up to 100% as shown.
        IReadOnlyList<string> cheapest = Fmt.Shares([.. mc.Options.Select(o => o.ProbabilityCheapest)]);
        foreach ((OptionUncertainty o, int i) in mc.Options.Select((o, i) => (o, i)))
        {
            bool baseline = o.Name == mc.BaselineName;
            table.AddRow(
                Markup.Escape(o.Name),
                Range(o.NpvCostUsd),
                o.NpvSavingsUsd is Band s ? Range(s) : "baseline",
                baseline ? "" : Fmt.Probability(o.PaidOffByMonth[^1]),
                baseline ? "" : o.MedianBreakEvenMonth is int m ? $"month {m}" : "not within horizon",
                Fmt.Probability(o.ProbabilityMeetsSlo),
                cheapest[i]);
        }
        return table;
    }

    public static Table Tornado(TornadoResult tornado, int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(tornado);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Sensitivity of {Markup.Escape(tornado.Option)} vs {Markup.Escape(tornado.Baseline)}: each input at its P10 and P90, the others at their medians "
                + $"(savings at month {horizonMonths}: {Fmt.Usd(tornado.BaseSavingsUsd)})")
            .AddColumn("input")
            .AddColumn(new TableColumn("P10 → P90").RightAligned())
            .AddColumn(new TableColumn("savings at P10 → P90").RightAligned())
            .AddColumn(new TableColumn("swing").RightAligned())
            .AddColumn(new TableColumn("break-even at P10 → P90").RightAligned());
        foreach (TornadoBar b in tornado.Bars)
        {
            table.AddRow(
                Markup.Escape(InputUnits.Labelled(b.Label, b.Path)),
                $"{Fmt.InputValue(b.LowValue)} → {Fmt.InputValue(b.HighValue)}",
                $"{Fmt.Usd(b.SavingsAtLowUsd)} → {Fmt.Usd(b.SavingsAtHighUsd)}",
                // The difference of the two figures beside it, as shown.
                Core.Formatting.FigureFormat.UsdSpan(b.SavingsAtHighUsd, b.SavingsAtLowUsd),
                $"{Month(b.BreakEvenAtLow)} → {Month(b.BreakEvenAtHigh)}");
        }
        return table;
    }

    public static Table Checks(IReadOnlyList<SurrogateCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var table = new Table().Border(TableBorder.Rounded)
            .Title("Surrogate against full simulation (and full simulation against itself with another seed)")
            .AddColumn(new TableColumn("sample").RightAligned())
            .AddColumn("option")
            .AddColumn(new TableColumn("total cost error").RightAligned())
            .AddColumn(new TableColumn("worst month").RightAligned())
            .AddColumn(new TableColumn("seed noise: total · worst month").RightAligned())
            .AddColumn(new TableColumn("SLO verdicts differing").RightAligned());
        foreach (SurrogateCheck c in checks)
        {
            table.AddRow(
                c.Sample.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(c.Option),
                // Signed as the reports' table signs them: the surrogate above (+) or below (−) the simulation.
                Fmt.SignedPercent(c.TotalCostError),
                Fmt.Percent(c.MaxMonthlyCogsError),
                $"{Fmt.SignedPercent(c.SeedTotalCostError)} · {Fmt.Percent(c.SeedMaxMonthlyCogsError)}",
                c.SloVerdictMismatches.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    /// <summary>
    /// The surrogate's error over every sample of an exact Monte Carlo, one row per option (a row
    /// per sample would be thousands); summary.json and the reports keep every row.
    /// </summary>
    public static Table SurrogateError(IReadOnlyList<SurrogateCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var table = new Table().Border(TableBorder.Rounded)
            .Title("Surrogate against full simulation, every sample (seed noise: full simulation against itself with another seed, where measured)")
            .AddColumn("option")
            .AddColumn(new TableColumn("samples").RightAligned())
            .AddColumn(new TableColumn("total cost error: mean · largest").RightAligned())
            .AddColumn(new TableColumn("worst month").RightAligned())
            .AddColumn(new TableColumn("seed noise: total · worst month").RightAligned())
            .AddColumn(new TableColumn("SLO verdicts differing").RightAligned());
        foreach (IGrouping<string, SurrogateCheck> option in checks.GroupBy(c => c.Option, StringComparer.Ordinal))
        {
            SurrogateCheck[] rows = [.. option];
            SurrogateCheck[] reseeded = [.. rows.Where(c => !double.IsNaN(c.SeedTotalCostError))];
            table.AddRow(
                Markup.Escape(option.Key),
                rows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{Fmt.Percent(rows.Average(c => Math.Abs(c.TotalCostError)))} · {Fmt.Percent(rows.Max(c => Math.Abs(c.TotalCostError)))}",
                Fmt.Percent(rows.Max(c => c.MaxMonthlyCogsError)),
                reseeded.Length == 0 ? "not measured" : $"{Fmt.Percent(reseeded.Max(c => Math.Abs(c.SeedTotalCostError)))} · {Fmt.Percent(reseeded.Max(c => c.SeedMaxMonthlyCogsError))}",
                rows.Sum(c => c.SloVerdictMismatches).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static string Range(Band b) => $"{Fmt.Usd(b.P10)} · {Fmt.Usd(b.P50)} · {Fmt.Usd(b.P90)}";

    private static string Month(int? month) => month is int m ? $"month {m}" : "never";
}
