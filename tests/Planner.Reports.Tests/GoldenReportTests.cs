using Planner.Reports.Charts;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Markdown;

namespace Planner.Reports.Tests;

/// <summary>Charts, report.md and report.html of the sample summary match the reviewed files in Golden/, whatever the culture.</summary>
public sealed class GoldenReportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void OutputMatchesGoldenFiles(string culture)
    {
        using var scope = new CultureScope(culture);
        SummaryDocument summary = SampleSummary.Create();
        IReadOnlyList<ReportChart> charts = ReportCharts.Build(summary);
        var outputs = charts.Select(c => (Name: "charts/" + c.FileName, Text: ChartRenderer.Svg(c.Spec))).ToList();
        outputs.Add(("charts/png.sha256", GoldenFiles.PngDigests(charts.Select(c => (c.PngFileName, ChartRenderer.Png(c.Spec))))));
        outputs.Add(("report.md", MarkdownReportWriter.Write(summary, charts, "charts")));
        outputs.Add(("report.html", HtmlReportWriter.Write(summary, charts)));

        List<string> problems = outputs.Select(o => GoldenFiles.Compare(o.Name, o.Text)).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void GoldenFolderHasNoStaleCharts()
    {
        var expected = ReportCharts.Build(SampleSummary.Create()).Select(c => c.FileName).Order(StringComparer.Ordinal).ToList();
        string folder = Path.Combine(GoldenFiles.Folder, "charts");
        var actual = Directory.GetFiles(folder, "*.svg").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}
