using Planner.Reports.Figures;

namespace Planner.Reports.Tests;

/// <summary>The report files land together; a missing browser costs only the PDF.</summary>
public sealed class ReportSetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "planner-reportset-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void WritesMarkdownHtmlAndChartsFromTheSummary()
    {
        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        Assert.Null(result.PdfProblem);
        Assert.True(File.Exists(Path.Combine(_dir, "report.md")));
        Assert.True(File.Exists(Path.Combine(_dir, "report.html")));
        Assert.False(File.Exists(Path.Combine(_dir, "report.pdf")));
        foreach (ReportChart chart in ReportCharts.Build(SampleSummary.Create()))
        {
            Assert.Contains(Path.Combine(_dir, "charts", chart.FileName), result.Written);
            Assert.Contains($"](charts/{chart.FileName})", File.ReadAllText(Path.Combine(_dir, "report.md")));
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ABrokenBrowserLeavesTheOtherReportsAndSaysWhy()
    {
        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { ChromiumPath = "/nonexistent/chromium" });
        Assert.NotNull(result.PdfProblem);
        Assert.Contains("/nonexistent/chromium", result.PdfProblem);
        Assert.True(File.Exists(Path.Combine(_dir, "report.html")));
        Assert.False(File.Exists(Path.Combine(_dir, "report.pdf")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void AStartedBrowserThatFailsFallsBackToAOneOffPrintAndSaysWhy()
    {
        // /bin/false exits at once, so the session's print fails; the one-off print then fails
        // the same way and its message is the one reported.
        using Pdf.ChromiumSession? browser = Pdf.ChromiumSession.TryStart("/bin/false");
        if (browser is null)
        {
            return; // no POSIX shell here for a browser session
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Browser = browser });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("exited with code 1", result.PdfProblem);
        Assert.True(File.Exists(Path.Combine(_dir, "report.html")));
        Assert.False(File.Exists(Path.Combine(_dir, "report.pdf")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ABrowserThatFailsLeavesNoPdf()
    {
        // /bin/false starts and exits non-zero without printing anything.
        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { ChromiumPath = "/bin/false" });
        Assert.Contains("exited with code 1", result.PdfProblem);
        Assert.False(File.Exists(Path.Combine(_dir, "report.pdf")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }
}
