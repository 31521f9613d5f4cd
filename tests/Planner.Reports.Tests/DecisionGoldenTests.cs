using Planner.Reports.Charts;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Markdown;

namespace Planner.Reports.Tests;

/// <summary>
/// The report of a run with a Monte Carlo, a tornado, fine-tuning jobs and price events matches
/// the reviewed files in Golden/decision/ (the decision charts, report.md and report.html), whatever the culture.
/// </summary>
public sealed class DecisionGoldenTests
{
    private const string Folder = "decision";

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void OutputMatchesGoldenFiles(string culture)
    {
        using var scope = new CultureScope(culture);
        SummaryDocument summary = DecisionSample.Create();
        IReadOnlyList<ReportChart> charts = ReportCharts.Build(summary);
        var outputs = charts.Where(c => !ReportCharts.InChartsSection(c))
            .Select(c => (Name: $"{Folder}/charts/{c.FileName}", Text: ChartRenderer.Svg(c.Spec))).ToList();
        outputs.Add(($"{Folder}/charts/png.sha256", GoldenFiles.PngDigests(charts.Where(c => !ReportCharts.InChartsSection(c)).Select(c => (c.PngFileName, ChartRenderer.Png(c.Spec))))));
        outputs.Add(($"{Folder}/report.md", MarkdownReportWriter.Write(summary, charts, "charts")));
        outputs.Add(($"{Folder}/report.html", HtmlReportWriter.Write(summary, charts)));

        List<string> problems = outputs.Select(o => GoldenFiles.Compare(o.Name, o.Text)).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void GoldenFolderHoldsExactlyTheDecisionCharts()
    {
        var expected = ReportCharts.Build(DecisionSample.Create()).Where(c => !ReportCharts.InChartsSection(c))
            .Select(c => c.FileName).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(Path.Combine(GoldenFiles.Folder, Folder, "charts"), "*.svg").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["sensitivity-tornado.svg", "uncertainty-monthly-cogs.svg", "uncertainty-paid-off.svg"], expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ChartsOutsideTheDecisionSectionsAreThoseOfThePlainReport()
    {
        var plain = ReportCharts.Build(SampleSummary.Create()).Select(c => ChartRenderer.Svg(c.Spec)).ToList();
        var decision = ReportCharts.Build(DecisionSample.Create()).Where(ReportCharts.InChartsSection).Select(c => ChartRenderer.Svg(c.Spec)).ToList();
        Assert.Equal(plain, decision);
    }
}
