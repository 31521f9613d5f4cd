using Planner.Reports.Charts;
using Planner.Reports.Csv;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Markdown;
using Planner.Reports.Output;
using Planner.Reports.Pdf;

namespace Planner.Reports;

/// <summary>
/// Writes every report file of a run into one folder, each file atomically: summary.json and
/// monthly.csv (the data), then report.md with charts/*.svg, report.html and report.pdf, all
/// drawn from the summary alone so that an existing run can be re-rendered.
/// </summary>
public static class ReportSet
{
    /// <summary>Name of the chart folder inside a run folder.</summary>
    public const string ChartFolder = "charts";

    /// <summary>Writes the data files and every report of a fresh run.</summary>
    public static ReportSetResult WriteAll(RunReport report, string directory, ReportSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        SummaryDocument summary = SummaryJsonWriter.Build(report);
        var written = new List<string>
        {
            Write(directory, "summary.json", SummaryJsonWriter.Serialize(summary)),
            Write(directory, "monthly.csv", MonthlyCsvWriter.Serialize(summary)),
        };
        ReportSetResult reports = WriteReports(summary, directory, options);
        return reports with { Written = [.. written, .. reports.Written] };
    }

    /// <summary>Writes report.md, charts/*.svg, report.html and (when Chromium is there) report.pdf from a summary.</summary>
    public static ReportSetResult WriteReports(SummaryDocument summary, string directory, ReportSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new ReportSetOptions();
        IReadOnlyList<ReportChart> charts = ReportCharts.Build(summary);
        var written = new List<string>();
        foreach (ReportChart chart in charts)
        {
            written.Add(Write(Path.Combine(directory, ChartFolder), chart.FileName, SvgChartRenderer.Render(chart.Spec)));
        }
        written.Add(Write(directory, "report.md", MarkdownReportWriter.Write(summary, charts, ChartFolder)));
        string html = Write(directory, "report.html", HtmlReportWriter.Write(summary, charts));
        written.Add(html);
        string? problem = null;
        if (options.Pdf)
        {
            string? chromium = options.ChromiumPath ?? options.Browser?.ChromiumPath ?? ChromiumLocator.Find(out problem);
            if (chromium is not null && !File.Exists(chromium))
            {
                problem = $"the browser '{chromium}' does not exist";
                chromium = null;
            }
            if (chromium is not null)
            {
                string pdf = Path.Combine(directory, "report.pdf");
                PdfResult? ahead = options.Browser is ChromiumSession browser && browser.ChromiumPath == chromium
                    ? browser.Print(html, pdf, options.PdfTimeout)
                    : null;
                // Should the session have failed, a one-off print still may not, and says why if it does.
                PdfResult result = ahead is { Written: true } ? ahead : ChromiumPdfPrinter.Print(chromium, html, pdf, options.PdfTimeout);
                if (result.Written)
                {
                    written.Add(pdf);
                }
                problem = result.Problem;
            }
            else
            {
                problem = $"{problem}; {ChromiumLocator.InstallHint}";
            }
            string stale = Path.Combine(directory, "report.pdf");
            if (problem is not null && File.Exists(stale))
            {
                // An older PDF would contradict the new HTML beside it.
                File.Delete(stale);
                problem += " (the previous report.pdf was removed)";
            }
        }
        return new ReportSetResult(written, problem);
    }

    private static string Write(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, content);
        return path;
    }
}
