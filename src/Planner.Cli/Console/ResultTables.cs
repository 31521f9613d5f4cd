using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Reports.Formatting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Planner.Cli.Console;

/// <summary>
/// The console summary of a run: one row per option in a table when the terminal is wide enough,
/// else one block per option whose lines break only between figures, so no number is split.
/// </summary>
public static class ResultTables
{
    /// <summary>Border and padding of a rounded table: "│ " before each cell, " " after it, and the closing "│".</summary>
    private const int CellChrome = 3;

    /// <param name="result">The projection.</param>
    /// <param name="width">The console's width in columns.</param>
    public static IRenderable Options(ProjectionResult result, int width = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(result);
        string[] headers =
        [
            // As the report's table: monthly COGS without one-time costs, the total with them.
            "option", "kind", "month 1 COGS", $"month {result.Scenario.HorizonMonths} COGS", $"per 1K served, month 1 → {result.Scenario.HorizonMonths}", $"p95 TTFT, month {result.Scenario.HorizonMonths}",
            $"in SLO, month {result.Scenario.HorizonMonths}", "total incl. one-time", "break-even",
        ];
        List<string[]> rows = [.. result.Options.Select(o => Cells(result, o))];
        int natural = Enumerable.Range(0, headers.Length).Sum(c => rows.Select(r => r[c].Length).Append(headers[c].Length).Max() + CellChrome) + 1;
        IRenderable body = natural <= width ? Table(headers, rows) : Blocks(result, rows, width);
        // The report's options table says the same under it.
        return Planner.Reports.Markdown.MarkdownReportWriter.GlanceMissNote(result.Options.Select(o => (o.Name == result.BaselineName, o.MeetsSloThroughout))) is string note
            ? new Rows(body, new Text(note))
            : body;
    }

    private static string[] Cells(ProjectionResult result, OptionProjection o)
    {
        MonthlyOutcome first = o.Months[0], last = o.Months[^1];
        BreakEvenResult? b = result.BreakEven.FirstOrDefault(x => x.Option == o.Name);
        string breakEven = o.Name == result.BaselineName ? "baseline"
            : (b?.Month is int m ? $"month {m} ({Fmt.Month(b.CalendarMonth!.Value)})" : "not within horizon") + (o.MeetsSloThroughout ? "" : " ⚠");
        return
        [
            o.Name,
            o.Option.Kind,
            Fmt.Usd(first.Cost.CogsUsd),
            Fmt.Usd(last.Cost.CogsUsd),
            $"{Fmt.UsdPrecise(first.CostPerThousandRequestsUsd)} → {Fmt.UsdPrecise(last.CostPerThousandRequestsUsd)}",
            Fmt.Ms(last.TtftP95Ms),
            Fmt.Percent(last.SloAttainment) + (o.MeetsSloThroughout ? "" : " (misses)"),
            Fmt.Usd(o.TotalCostUsd),
            breakEven,
        ];
    }

    private static Table Table(string[] headers, List<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int c = 0; c < headers.Length; c++)
        {
            var column = new TableColumn(headers[c]);
            table.AddColumn(c is 0 or 1 or 8 ? column : column.RightAligned());
        }
        foreach (string[] row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }
        return table;
    }

    /// <summary>
    /// The traffic the table's months carry, as the scenario plans it: the expected requests of
    /// the first and the last calendar month, and the scenario's daily figure for each with growth
    /// applied, as the reports' requests_per_day column holds it: a week's average day
    /// (<c>requests_per_day</c>) or a weekday (<c>requests_per_weekday</c>). A month's total over its
    /// days differs from a week's average day as far as it has more or fewer weekend days than a
    /// week's share (voice-agent's 2028-12: 4,347,141 requests over 31 days is 140,230 a day,
    /// against 146,787 on a week's average, its weekends carrying a tenth of a weekday).
    /// </summary>
    public static string Traffic(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int last = scenario.HorizonMonths - 1;
        string basis = scenario.Workload.Volume.Basis == VolumeBasis.Weekday ? "a weekday" : "a day on a week's average";
        string Month(int m) =>
            $"{Fmt.Count(MonthWindowPlanner.MonthRequests(scenario, m))} requests in {Fmt.Month(scenario.StartMonth.AddMonths(m))} " +
            $"({Fmt.Count(scenario.Workload.Volume.RequestsPerDay(m))} {basis})";
        return last > 0 ? $"Traffic: {Month(0)} → {Month(last)}." : $"Traffic: {Month(0)}.";
    }

    /// <summary>
    /// Per option: its name, kind and break-even, then its figures, as many to a line as fit. An
    /// option name wider than the console is the only thing left to wrap.
    /// </summary>
    private static Rows Blocks(ProjectionResult result, List<string[]> rows, int width)
    {
        var lines = new List<IRenderable>();
        int horizon = result.Scenario.HorizonMonths;
        foreach (string[] r in rows)
        {
            if (lines.Count > 0)
            {
                lines.Add(Text.Empty);
            }
            string breakEven = r[8] == "baseline" ? "baseline" : $"break-even {r[8]}";
            foreach (string line in Wrap([r[0], r[1], breakEven], width, ""))
            {
                lines.Add(new Text(line));
            }
            string[] figures =
            [
                $"month 1 COGS {r[2]}", $"month {horizon} COGS {r[3]}", $"total incl. one-time {r[7]}", $"per 1K served {r[4]}", $"p95 TTFT {r[5]}", $"SLO {r[6]}",
            ];
            foreach (string line in Wrap(figures, width, "  "))
            {
                lines.Add(new Text(line));
            }
        }
        return new Rows(lines);
    }

    /// <summary>Joins the items with " · ", starting a new line (indented) before an item that would not fit.</summary>
    internal static IEnumerable<string> Wrap(IReadOnlyList<string> items, int width, string indent)
    {
        const string Separator = " · ";
        string line = indent;
        foreach (string item in items)
        {
            if (line.Length > indent.Length && line.Length + Separator.Length + item.Length > width)
            {
                yield return line;
                line = indent;
            }
            line += line.Length > indent.Length ? Separator + item : item;
        }
        if (line.Length > indent.Length)
        {
            yield return line;
        }
    }
}
