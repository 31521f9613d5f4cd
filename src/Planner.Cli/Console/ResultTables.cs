using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Reports.Formatting;
using Spectre.Console;

namespace Planner.Cli.Console;

/// <summary>The console summary of a run: one row per option.</summary>
public static class ResultTables
{
    public static Table Options(ProjectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("option")
            .AddColumn("kind")
            .AddColumn(new TableColumn("month 1 /mo").RightAligned())
            .AddColumn(new TableColumn($"month {result.Scenario.HorizonMonths} /mo").RightAligned())
            .AddColumn(new TableColumn("per 1K req (now → horizon)").RightAligned())
            .AddColumn(new TableColumn("p95 TTFT").RightAligned())
            .AddColumn(new TableColumn("SLO attainment").RightAligned())
            .AddColumn(new TableColumn("total").RightAligned())
            .AddColumn("break-even");
        foreach (OptionProjection o in result.Options)
        {
            MonthlyOutcome first = o.Months[0], last = o.Months[^1];
            BreakEvenResult? b = result.BreakEven.FirstOrDefault(x => x.Option == o.Name);
            string breakEven = o.Name == result.BaselineName ? "baseline"
                : b?.Month is int m ? $"month {m} ({Fmt.Month(b.CalendarMonth!.Value)})" : "not within horizon";
            string slo = Fmt.Percent(last.SloAttainment) + (o.MeetsSloThroughout ? "" : " (misses)");
            table.AddRow(
                Markup.Escape(o.Name),
                o.Option.Kind,
                Fmt.Usd(first.Cost.CogsUsd),
                Fmt.Usd(last.Cost.CogsUsd),
                $"{Fmt.UsdPrecise(first.CostPerThousandRequestsUsd)} → {Fmt.UsdPrecise(last.CostPerThousandRequestsUsd)}",
                Fmt.Ms(last.TtftP95Ms),
                Markup.Escape(slo),
                Fmt.Usd(o.TotalCostUsd),
                Markup.Escape(breakEven));
        }
        return table;
    }

    /// <summary>
    /// The traffic the table's months carry, as the scenario plans it: the expected requests of
    /// the first and the last calendar month, and the average calendar day of each.
    /// </summary>
    public static string Traffic(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int last = scenario.HorizonMonths - 1;
        string Month(int m) =>
            $"{Fmt.Count(MonthWindowPlanner.MonthRequests(scenario, m))} requests in {Fmt.Month(scenario.StartMonth.AddMonths(m))} " +
            $"({Fmt.Count(MonthWindowPlanner.MonthRequests(scenario, m) / MonthWindowPlanner.DaysIn(scenario.StartMonth.AddMonths(m)))} a day)";
        return last > 0 ? $"Traffic: {Month(0)} → {Month(last)}." : $"Traffic: {Month(0)}.";
    }
}
