using Planner.Reports.Charts;
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
    public void WithoutTheChartFontEveryFileButTheChartsIsWrittenAndSaysWhy()
    {
        // An earlier run's reports with their charts; then a run on a machine without the font.
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dir, "charts")));
        Assert.Null(ChartFonts.Problem());
        using var empty = new TempFolder();

        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false, FontFolders = [empty.Path] });

        Assert.NotNull(result.ChartsProblem);
        Assert.Contains("fonts-dejavu-core", result.ChartsProblem);
        Assert.Contains(empty.Path, result.ChartsProblem);
        foreach (string file in new[] { "report.md", "report.html" })
        {
            Assert.Contains(Path.Combine(_dir, file), result.Written);
        }
        Assert.DoesNotContain(result.Written, f => f.Contains(Path.DirectorySeparatorChar + "charts" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        // The earlier run's charts go: they would not be this run's.
        Assert.Empty(Directory.Exists(Path.Combine(_dir, "charts")) ? Directory.GetFiles(Path.Combine(_dir, "charts")) : []);
        string md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("The charts are missing from this report", md);
        Assert.Contains("running planner report on this run's folder draws them", md);
        Assert.DoesNotContain("](charts/", md);
        Assert.Contains("The charts are missing from this report", html);
        Assert.DoesNotContain("<svg", html);
    }

    [Fact]
    public void AnotherScenariosRunWrittenMeanwhileIsNotReplaced()
    {
        // The folder is checked before a run simulates; two runs of different scenarios into one new
        // folder both passed, and the later replaced the earlier in silence. Checked again under the lock.
        Json.SummaryDocument first = SampleSummary.Create();
        ReportSet.WriteReports(first, _dir, new ReportSetOptions { Pdf = false });
        Dictionary<string, byte[]> before = Snapshot(_dir);
        Json.SummaryDocument other = first with { Scenario = first.Scenario with { Name = "another-scenario" } };

        IOException e = Assert.Throws<IOException>(() => ReportSet.WriteReports(other, _dir, new ReportSetOptions { Pdf = false }));

        Assert.Equal($"{_dir} now holds the reports of scenario '{first.Scenario.Name}', written while this run of 'another-scenario' was simulated; "
            + "a folder holds the run of one scenario, so nothing was written (allowed: another --out)", e.Message);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Snapshot(_dir).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AWriteThatFailsHalfwayLeavesTheEarlierRunsReportsAsTheyWere()
    {
        // An earlier run's reports; then, where its report.md was, a folder the next run's cannot
        // replace. The files before it in the commit (the charts, report.html) go in first and
        // must come out again.
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        string md = Path.Combine(_dir, "report.md");
        File.Delete(md);
        Dictionary<string, byte[]> before = Snapshot(_dir);
        Directory.CreateDirectory(Path.Combine(md, "in-the-way"));

        IOException e = Assert.Throws<IOException>(() => ReportSet.WriteReports(SampleSummary.Create() with { Seed = 8 }, _dir, new ReportSetOptions { Pdf = false }));

        Assert.Contains("is a folder where Planner writes a file", e.Message);
        Directory.Delete(md, recursive: true);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Snapshot(_dir).Keys.Order(StringComparer.Ordinal));
        foreach ((string file, byte[] content) in before)
        {
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(_dir, file)));
        }
        Assert.Empty(Directory.GetDirectories(_dir, ".planner-staging.*"));
        // The seed is in the report: a report.html of the second run would differ.
        Assert.Contains("seed 7", File.ReadAllText(Path.Combine(_dir, "report.html")));
    }

    [Fact]
    public void AnEarlierFileThatCannotBePutBackIsKeptAndNamedNotLost()
    {
        // The commit fails at report.md (a full disk, say), and putting the earlier report.html
        // back fails too: that file must stay where the message says, not go with the staging folder.
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        byte[] oldHtml = File.ReadAllBytes(Path.Combine(_dir, "report.html"));
        string md = Path.Combine(_dir, "report.md");
        byte[] oldMd = File.ReadAllBytes(md);
        var files = new Output.FileOperations
        {
            Move = (from, to) =>
            {
                if (to == md && from.Contains(".planner-staging.", StringComparison.Ordinal) && !from.Contains(".replaced", StringComparison.Ordinal))
                {
                    throw new IOException("No space left on device");
                }
                if (to == Path.Combine(_dir, "report.html") && from.Contains(".replaced", StringComparison.Ordinal))
                {
                    throw new IOException("Input/output error");
                }
                File.Move(from, to);
            },
            Delete = File.Delete,
        };

        IOException e = Assert.Throws<IOException>(() => ReportSet.WriteReports(SampleSummary.Create() with { Seed = 8 }, _dir, new ReportSetOptions { Pdf = false, Files = files }));

        Assert.Contains("No space left on device; 1 of the earlier files could not be put back: they are kept in ", e.Message);
        string aside = e.Message[(e.Message.IndexOf("they are kept in ", StringComparison.Ordinal) + "they are kept in ".Length)..e.Message.IndexOf(" (move them back by hand)", StringComparison.Ordinal)];
        Assert.Equal(oldHtml, File.ReadAllBytes(Path.Combine(aside, "report.html")));
        // The new report.html came out again, and every other file is the earlier run's.
        Assert.False(File.Exists(Path.Combine(_dir, "report.html")));
        Assert.Equal(oldMd, File.ReadAllBytes(md));
        Assert.Contains("seed 7", File.ReadAllText(md));
        // Out of the staging folder, which the next writer clears: the kept file outlives the next run.
        Assert.StartsWith(Path.Combine(_dir, Output.StagedFolder.KeptPrefix), aside, StringComparison.Ordinal);
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        Assert.Equal(oldHtml, File.ReadAllBytes(Path.Combine(aside, "report.html")));
    }

    [Fact]
    public void AnEarlierChartThatCannotBeRemovedIsANoteAndTheNewReportsStand()
    {
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        string stale = Path.Combine(_dir, "charts", "cost-renamed-option.svg");
        File.WriteAllText(stale, "<svg/>");
        var files = new Output.FileOperations
        {
            Move = (from, to) => File.Move(from, to),
            Delete = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        };

        ReportSetResult result = ReportSet.WriteReports(SampleSummary.Create() with { Seed = 8 }, _dir, new ReportSetOptions { Pdf = false, Files = files });

        Assert.Equal($"the new reports are in place, but charts of an earlier run in {Path.Combine(_dir, "charts")} could not be removed (permission denied)", result.StaleChartsProblem);
        Assert.True(File.Exists(stale));
        Assert.Contains("seed 8", File.ReadAllText(Path.Combine(_dir, "report.md")));
        Assert.Empty(Directory.GetDirectories(_dir, ".planner-staging.*"));
    }

    [Fact]
    public void AStagingFolderAKilledWriterLeftIsClearedByTheNextWriter()
    {
        string left = Path.Combine(_dir, ".planner-staging.1.0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(left, "charts"));
        File.WriteAllText(Path.Combine(left, "report.md"), "half");
        ReportSet.WriteReports(SampleSummary.Create(), _dir, new ReportSetOptions { Pdf = false });
        Assert.False(Directory.Exists(left));
        Assert.NotEqual("half", File.ReadAllText(Path.Combine(_dir, "report.md")));
    }

    /// <summary>Every file under <paramref name="folder"/> but the lock, by relative path.</summary>
    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != Output.OutputFolder.LockFileName)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes, StringComparer.Ordinal);

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
