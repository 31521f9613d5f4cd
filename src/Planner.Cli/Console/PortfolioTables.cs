using Planner.Core.Projection;
using Planner.Reports.Formatting;
using Spectre.Console;

namespace Planner.Cli.Console;

/// <summary>The closing table of a portfolio: one row per scenario, its recommendation and where its reports are.</summary>
public static class PortfolioTables
{
    /// <param name="runs">Each scenario's projection and the folder its reports went to, in the order given.</param>
    public static Table Summary(IReadOnlyList<(ProjectionResult Result, string Folder)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario")
            .AddColumn("recommended")
            .AddColumn(new TableColumn("total over horizon").RightAligned())
            .AddColumn("best alternative")
            .AddColumn(new TableColumn("saves").RightAligned())
            .AddColumn("break-even vs baseline")
            .AddColumn("reports");
        foreach ((ProjectionResult result, string folder) in runs)
        {
            Recommendation r = result.Recommendation;
            OptionProjection chosen = result.Options.First(o => o.Name == r.OptionName);
            BestAlternative? alternative = r.Alternative;
            table.AddRow(
                Markup.Escape(result.Scenario.Name),
                Markup.Escape(r.OptionName),
                Fmt.Usd(chosen.TotalCostUsd),
                alternative is null ? "none" : Markup.Escape(alternative.Option + (alternative.MeetsSlo ? "" : " (misses SLO)")),
                alternative is null ? "" : Fmt.Usd(Core.Formatting.FigureFormat.ShownDifferenceUsd(alternative.TotalCostUsd, alternative.RecommendedTotalCostUsd)),
                Markup.Escape(BreakEven(result, r.OptionName)),
                Markup.Escape(folder.Replace('\\', '/') + "/"));
        }
        return table;
    }

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
