using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Cli.Tests;

/// <summary>
/// A figure reads the same in the console (formatted from the simulation's values), in the
/// recommendation, in report.md and in report.html (formatted from summary.json's rounded values).
/// </summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class FigureConsistencyTests(GeneratedReport report)
{
    [Fact]
    public void HorizonFiguresAreWrittenAlikeInConsoleMarkdownAndHtml()
    {
        Assert.True(report.Run.ExitCode == 0, report.Run.Stderr + report.Run.Stdout);
        SummaryDocument summary = report.Summary!;
        string console = report.Run.Stdout;
        string md = File.ReadAllText(Path.Combine(report.Folder, "report.md"));
        string html = File.ReadAllText(report.Html);
        foreach (OptionSection o in summary.Options)
        {
            MonthSection last = o.Monthly[^1];
            string[] figures =
            [
                Fmt.Percent(last.SloAttainment!.Value),
                Fmt.Ms(last.TtftP95Ms!.Value),
                Fmt.Usd(o.TotalCostUsd!.Value),
                Fmt.UsdPrecise(last.CostPer1kRequestsUsd!.Value),
            ];
            foreach (string figure in figures)
            {
                Assert.True(console.Contains(figure, StringComparison.Ordinal), $"{o.Name}: the console does not show {figure}:\n{console}");
                Assert.True(md.Contains(figure, StringComparison.Ordinal), $"{o.Name}: report.md does not show {figure}");
                Assert.True(html.Contains(figure, StringComparison.Ordinal), $"{o.Name}: report.html does not show {figure}");
            }
        }
        // The recommendation (written from the simulation) quotes the recommended option's horizon figures as the tables do.
        OptionSection chosen = summary.Options.Single(o => o.Name == summary.Recommendation.Option);
        Assert.Contains($"p95 TTFT at the horizon is {Fmt.Ms(chosen.Monthly[^1].TtftP95Ms!.Value)} with {Fmt.Percent(chosen.Monthly[^1].SloAttainment!.Value)} of requests within the SLO", summary.Recommendation.Text);
    }
}
