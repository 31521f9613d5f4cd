using Planner.Core.Projection;
using Planner.Reports.Formatting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Planner.Cli.Console;

/// <summary>The closing table of a portfolio: one row per scenario, its recommendation and where its reports are.</summary>
public static class PortfolioTables
{
    /// <param name="runs">Each scenario's projection and the folder its reports went to, in the order given.</param>
    /// <returns>The table, and under it what its marks mean where a row has one.</returns>
    public static IRenderable Summary(IReadOnlyList<(ProjectionResult Result, string Folder)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario")
            .AddColumn("recommended")
            .AddColumn(new TableColumn("total over horizon").RightAligned())
            .AddColumn("best alternative")
            .AddColumn(new TableColumn("against it").RightAligned())
            .AddColumn("break-even vs baseline")
            .AddColumn("reports");
        bool anyMisses = false;
        foreach ((ProjectionResult result, string folder) in runs)
        {
            Recommendation r = result.Recommendation;
            OptionProjection chosen = result.Options.First(o => o.Name == r.OptionName);
            BestAlternative? alternative = r.Alternative;
            anyMisses |= !chosen.MeetsSloThroughout || alternative is { MeetsSlo: false };
            table.AddRow(
                // Totals of scenarios with other horizons sit in one column: each says over what.
                Markup.Escape(result.Scenario.Name) + "\n" + Markup.Escape(Horizon(result.Scenario)),
                // A recommendation among options that all miss the SLO is provisional, as its report says.
                Markup.Escape(r.OptionName + (chosen.MeetsSloThroughout ? "" : " (provisional: misses SLO)")),
                Fmt.Usd(chosen.TotalCostUsd),
                alternative is null ? "none" : Markup.Escape(alternative.Option + (alternative.MeetsSlo ? "" : " (misses SLO)")),
                alternative is null ? "" : Against(Core.Formatting.FigureFormat.ShownDifferenceUsd(alternative.TotalCostUsd, alternative.RecommendedTotalCostUsd)),
                Markup.Escape(BreakEven(result, r.OptionName) + (r.OptionName != result.BaselineName && !chosen.MeetsSloThroughout ? " ⚠" : "")),
                Markup.Escape(folder.Replace('\\', '/') + "/"));
        }
        return anyMisses
            ? new Rows(table, new Text("(misses SLO): the option misses the SLO in at least one month (its report says which); "
                + "⚠: the break-even compares cost alone."))
            : table;
    }

    /// <summary>What the recommended option saves against its best alternative, or what it costs more (where the alternative misses the SLO or they tie), from the shown totals' difference.</summary>
    private static string Against(double shownDifferenceUsd) => shownDifferenceUsd switch
    {
        > 0 => $"saves {Fmt.Usd(shownDifferenceUsd)}",
        < 0 => $"costs {Fmt.Usd(-shownDifferenceUsd)} more",
        _ => "costs the same",
    };

    /// <summary>The scenario's horizon: "36 months from 2027-01".</summary>
    private static string Horizon(Core.Specs.ScenarioSpec scenario) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Core.Formatting.FigureFormat.Counted(scenario.HorizonMonths, "month", "months")} from {Fmt.Month(scenario.StartMonth)}");

    /// <summary>The recommended option's break-even against the scenario's baseline, as the options table states it.</summary>
    private static string BreakEven(ProjectionResult result, string option)
    {
        if (option == result.BaselineName)
        {
            return "is the baseline";
        }
        BreakEvenResult? b = result.BreakEven.FirstOrDefault(x => x.Option == option);
        return b?.Month is int m
            ? $"month {m} ({Fmt.Month(b.CalendarMonth!.Value)}) vs {result.BaselineName}"
            : $"not within horizon vs {result.BaselineName}";
    }
}
