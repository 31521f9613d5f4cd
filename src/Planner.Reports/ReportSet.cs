using Planner.Reports.Charts;
using Planner.Reports.Csv;
using Planner.Reports.Figures;
using Planner.Reports.Html;
using Planner.Reports.Json;
using Planner.Reports.Markdown;
using Planner.Reports.Optimization;
using Planner.Reports.Output;
using Planner.Reports.Pdf;

namespace Planner.Reports;

/// <summary>
/// Writes every report file of a run into one folder, the set as a whole (staged, then moved into
/// place): summary.json and monthly.csv (the data; samples.csv too after a Monte Carlo), report.md with charts/*.svg (and a PNG of each
/// chart, for slides), report.html and report.pdf, all drawn from the summary alone so that an
/// existing run can be re-rendered. report.html is written first, so that the browser prints
/// report.pdf from it while the other files are written.
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
        string? samples = report.MonteCarlo is { SampleOutcomes.Count: > 0 } mc
            ? SamplesCsvWriter.Serialize(mc, [.. report.Projection.Options.Select(o => o.Name)])
            : null;
        return Write(summary, directory, options ?? new ReportSetOptions(), withData: true, samples);
    }

    /// <summary>Writes report.md, charts/*.svg and *.png, report.html and (when Chromium is there) report.pdf from a summary.</summary>
    public static ReportSetResult WriteReports(SummaryDocument summary, string directory, ReportSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Write(summary, directory, options ?? new ReportSetOptions(), withData: false, samplesCsv: null);
    }

    private static ReportSetResult Write(SummaryDocument summary, string directory, ReportSetOptions options, bool withData, string? samplesCsv)
    {
        // Another run writing into the same folder waits, so that the folder ends with one run's
        // complete set of files rather than a mix of two.
        using IDisposable folderLock = OutputFolder.Lock(directory, options.Waiting);
        // The folder was checked before the simulation; another scenario's run may have written
        // into it since (two runs into one new folder both passed that check, and the later one
        // replaced the earlier in silence). Checked again now that no one else writes.
        if (OutputFolder.ScenarioOf(directory) is string other && other != summary.Scenario.Name)
        {
            throw new IOException($"{directory} now holds the reports of scenario '{other}', written while this run of '{summary.Scenario.Name}' was simulated; "
                + "a folder holds the run of one scenario, so nothing was written (allowed: another --out)");
        }
        // Without the chart font the charts are left out, not the run: every other file is still
        // written, and says why and how to draw the charts later (`planner report`).
        string? chartsProblem = ChartFonts.Problem(options.FontFolders);
        IReadOnlyList<ReportChart> charts = chartsProblem is null ? ReportCharts.Build(summary) : [];
        string? chartsNote = chartsProblem is null ? null : ChartsMissingNote(chartsProblem, "running planner report on this run's folder draws them");
        // Every file is written into a staging folder first; only once the whole set is there does
        // it replace the reports in the folder, so a failure or an interruption while writing
        // leaves the earlier run's reports as they were.
        using var staging = new StagedFolder(directory, options.Files);
        Task<(string? Pdf, string? Problem)>? printing = null;
        // The files in the order the run reports them.
        var names = new List<string>();
        string html;
        try
        {
            html = Write(staging.Path, "report.html", HtmlReportWriter.Write(summary, charts, chartsNote));
            printing = options.Pdf ? Task.Run(() => PrintPdf(html, staging.Path, options)) : null;
            if (withData)
            {
                names.Add(Write(staging.Path, "summary.json", SummaryJsonWriter.Serialize(summary)));
                names.Add(Write(staging.Path, "monthly.csv", MonthlyCsvWriter.Serialize(summary)));
                if (samplesCsv is not null)
                {
                    names.Add(Write(staging.Path, SamplesCsvWriter.FileName, samplesCsv));
                }
            }
            foreach (ReportChart chart in charts)
            {
                names.Add(Write(Path.Combine(staging.Path, ChartFolder), chart.FileName, ChartRenderer.Svg(chart.Spec)));
                names.Add(WriteBytes(Path.Combine(staging.Path, ChartFolder), chart.PngFileName, ChartRenderer.Png(chart.Spec)));
            }
            names.Add(Write(staging.Path, "report.md", MarkdownReportWriter.Write(summary, charts, ChartFolder, chartsNote)));
            names.Add(html);
        }
        catch (Exception e)
        {
            // The print writes into the same folder: let it finish before giving up.
            ((IAsyncResult?)printing)?.AsyncWaitHandle.WaitOne();
            if (e is IOException or UnauthorizedAccessException)
            {
                // .NET's "No space left on device : '…/.planner-staging.…/charts/.total-cost.png.…tmp'" named a
                // hidden temporary file and not what became of the reports.
                throw new IOException($"cannot write the reports into {directory}: {OperatingSystemReason(e)}; the files already there were kept as they were", e);
            }
            throw;
        }
        (string? pdf, string? problem) = printing?.GetAwaiter().GetResult() ?? (null, null);
        if (pdf is not null)
        {
            names.Add(pdf);
        }
        // Without a new PDF, an older one would contradict the new HTML beside it: it goes with the rest,
        // unless the HTML it was printed from is unchanged (a print that failed on a redraw of the same
        // reports deleted a PDF that still matched them). So would an earlier run's Monte Carlo samples
        // beside data without them.
        bool pdfMatches = File.Exists(Path.Combine(directory, "report.pdf")) && SameText(Path.Combine(directory, "report.html"), html);
        bool stalePdf = options.Pdf && pdf is null && !pdfMatches;
        if (options.Pdf && pdf is null && pdfMatches)
        {
            problem += " (the previous report.pdf, printed from the same report.html, was kept)";
        }
        // Without printing (planner report --no-pdf), an older PDF stays only while the HTML it was
        // printed from is unchanged: a report redrawn without a search kept the PDF that showed it.
        if (!options.Pdf && File.Exists(Path.Combine(directory, "report.pdf")) && !SameText(Path.Combine(directory, "report.html"), html))
        {
            stalePdf = true;
            problem = "--no-pdf was given, and the previous report.pdf, printed from reports that have changed since, was removed";
        }
        string[] remove = [.. stalePdf ? ["report.pdf"] : (string[])[], .. withData && samplesCsv is null ? [SamplesCsvWriter.FileName] : (string[])[]];
        if (options.Pdf && stalePdf && File.Exists(Path.Combine(directory, "report.pdf")))
        {
            problem += " (the previous report.pdf was removed)";
        }
        List<string> written = [.. names.Select(n => Path.Combine(directory, Path.GetRelativePath(staging.Path, n)))];
        string? staleProblem = null;
        try
        {
            // Charts an earlier run left (an option since renamed, another scenario's) would sit
            // beside reports that do not show them; a configuration search's belong to optimization.md.
            // They go while the move's signals are held, and a failure to delete one is a note: the new set is in place.
            staging.Commit(remove, _ =>
            {
                try
                {
                    OutputFolder.RemoveStaleCharts(Path.Combine(directory, ChartFolder), written, OptimizationCharts.IdPrefix,
                        (options.Files ?? FileOperations.System).Delete);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    staleProblem = $"the new reports are in place, but charts of an earlier run in {Path.Combine(directory, ChartFolder)} could not be removed ({OperatingSystemReason(e)})";
                }
            });
        }
        catch (RestoreIncompleteException e)
        {
            throw new IOException($"cannot move the reports into {directory}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot move the reports into {directory}: {OperatingSystemReason(e)}; the files already there were kept as they were", e);
        }
        return new ReportSetResult(written, problem, chartsProblem) { StaleChartsProblem = staleProblem };
    }

    /// <summary>Whether the file at <paramref name="path"/> holds what the file at <paramref name="other"/> does; false when either cannot be read.</summary>
    private static bool SameText(string path, string other)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path) == File.ReadAllText(other);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The operating system's reason in an I/O error, without the temporary file it names ("No space left on device").</summary>
    internal static string OperatingSystemReason(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is UnauthorizedAccessException)
        {
            return "permission denied";
        }
        int path = e.Message.IndexOf(" : '", StringComparison.Ordinal);
        return (path > 0 ? e.Message[..path] : e.Message).Trim().TrimEnd('.');
    }

    /// <summary>
    /// What a report says in place of its charts when <paramref name="problem"/> kept them from
    /// being drawn; <paramref name="redraw"/> says what draws them once the font is installed.
    /// </summary>
    public static string ChartsMissingNote(string problem, string redraw) =>
        $"The charts are missing from this report: {problem.TrimEnd('.')}. Once it is installed, {redraw}; every figure in the text and tables is unaffected.";

    /// <summary>Prints report.pdf from report.html; the PDF's path, or why there is none (the caller takes a stale one away).</summary>
    private static (string? Pdf, string? Problem) PrintPdf(string html, string directory, ReportSetOptions options)
    {
        string pdf = Path.Combine(directory, "report.pdf");
        string? problem = null;
        string? chromium = options.ChromiumPath ?? options.Browser?.ChromiumPath ?? ChromiumLocator.Find(out problem);
        if (chromium is not null && !File.Exists(chromium))
        {
            problem = $"the browser '{chromium}' does not exist";
            chromium = null;
        }
        if (chromium is not null)
        {
            PdfResult? ahead = options.Browser is ChromiumSession browser && browser.ChromiumPath == chromium
                ? browser.Print(html, pdf, options.PdfTimeout)
                : null;
            // Should the session have failed, a one-off print still may not, and says why if it does.
            // A session that ran out of time hangs, and a one-off print would wait as long again (121 s for a 90 s limit).
            PdfResult result = ahead is { Written: true } or { TimedOut: true } ? ahead : ChromiumPdfPrinter.Print(chromium, html, pdf, options.PdfTimeout);
            if (result.Written)
            {
                return (pdf, null);
            }
            problem = result.Problem;
        }
        else
        {
            problem = $"{problem}; {ChromiumLocator.InstallHint}";
        }
        return (null, problem);
    }

    private static string WriteBytes(string directory, string name, byte[] content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllBytes(path, content);
        return path;
    }

    private static string Write(string directory, string name, string content)
    {
        string path = Path.Combine(directory, name);
        AtomicFile.WriteAllText(path, content);
        return path;
    }
}
