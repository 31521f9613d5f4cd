using Planner.Reports.Figures;
using Planner.Reports.Json;
using Planner.Reports.Markdown;

namespace Planner.Reports.Tests;

/// <summary>report.md links its charts relatively and keeps scenario text from turning into HTML or table cells.</summary>
public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void LinksEveryChartRelatively()
    {
        SummaryDocument s = SampleSummary.Create();
        string md = MarkdownReportWriter.Write(s);
        foreach (ReportChart chart in ReportCharts.Build(s))
        {
            Assert.Contains($"![{chart.Spec.Title}](charts/{chart.FileName})", md);
        }
        Assert.Contains("## Main risks", md);
    }

    [Fact]
    public void ScenarioTextCannotInjectHtmlOrBreakTables()
    {
        SummaryDocument s = SampleSummary.Create(name: "<img src=x>");
        s = s with
        {
            Options = [s.Options[0], s.Options[1], s.Options[2] with { Name = "a|b<img src=y>" }],
            BreakEven = [s.BreakEven[0], s.BreakEven[1] with { Option = "a|b<img src=y>" }],
        };
        // Charts' titles and captions name options too (a cost-breakdown chart's alt text and the
        // cumulative chart's caption carried a name's HTML into report.md).
        string md = MarkdownReportWriter.Write(s);
        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("<b>", md);
        Assert.Contains("&lt;img src=x&gt;", md);
        Assert.Contains("| a\\|b&lt;img src=y&gt; |", md);
        Assert.Contains("Where the money goes: a|b&lt;img src=y&gt;", md);
    }

    [Fact]
    public void OnlyTheSloTargetsTheScenarioSetsAreListed()
    {
        SummaryDocument s = SampleSummary.Create();
        string withoutTpot = MarkdownReportWriter.Write(s with { Scenario = s.Scenario with { SloTpotP95Ms = null } });
        Assert.Contains("SLO: p95 TTFT ≤ 1,000 ms, p99 end-to-end ≤ 20,000 ms.", withoutTpot);
        Assert.DoesNotContain("not set", withoutTpot);
        string none = MarkdownReportWriter.Write(s with { Scenario = s.Scenario with { SloTtftP95Ms = null, SloTpotP95Ms = null, SloE2eP99Ms = null } });
        Assert.Contains("SLO: none set.", none);
    }
}
