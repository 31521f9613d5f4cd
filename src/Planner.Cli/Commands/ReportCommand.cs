using System.CommandLine;
using System.Text.Json;
using Planner.Reports;
using Planner.Reports.Json;
using Planner.Reports.Optimization;
using Planner.Reports.Output;

namespace Planner.Cli.Commands;

/// <summary><c>planner report RUN_DIR</c>: re-render report.md, charts, report.html and report.pdf from a run's summary.json.</summary>
public static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "Folder of an earlier `planner run`, holding summary.json (for example reports/chat-seed-stage)" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the reports (default: the run folder)" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Skip report.pdf (which needs Chromium)" };
        var chromium = new Option<string?>("--chromium") { Description = "Browser that prints report.pdf (default: $PLANNER_CHROMIUM, /usr/bin/chromium, chromium on the PATH)" };
        var command = new Command("report", "Regenerate report.html, report.pdf, report.md and charts/ from an existing run's summary.json")
        {
            runDirectory, output, noPdf, chromium,
        };
        command.SetAction(parse => Execute(parse.GetValue(runDirectory)!, parse.GetValue(output),
            new ReportSetOptions { Pdf = !parse.GetValue(noPdf), ChromiumPath = parse.GetValue(chromium) }, stdout, stderr));
        return command;
    }

    private static int Execute(string runDirectory, string? outputDirectory, ReportSetOptions options, TextWriter stdout, TextWriter stderr)
    {
        string summaryPath = Path.Combine(runDirectory, "summary.json");
        if (!File.Exists(summaryPath))
        {
            stderr.WriteLine(Directory.Exists(runDirectory)
                ? $"error: {summaryPath}: not found (run `planner run SCENARIO --out {runDirectory}` first)"
                : $"error: {runDirectory}: folder not found (give the folder of an earlier `planner run`)");
            return ExitCodes.BadInput;
        }
        SummaryDocument summary;
        try
        {
            summary = SummaryJsonWriter.Deserialize(File.ReadAllText(summaryPath));
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"error: {summaryPath}: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (OutputFolder.Prepare(outputDirectory ?? runDirectory, summary.Scenario.Name) is string folderProblem)
        {
            stderr.WriteLine($"error: --out: {folderProblem}");
            return ExitCodes.Failure;
        }
        OptimizationDocument? optimization = OptimizationReportSet.ReadMatching(runDirectory, summary.Scenario.Sha256, summary.Seed, out string? note);
        ReportSetResult result = ReportSet.WriteReports(summary with { Optimization = optimization }, outputDirectory ?? runDirectory, options);
        ReportOutput.Print(result, stdout, stderr);
        if (note is not null)
        {
            stderr.WriteLine("note: " + note + ".");
        }
        return ExitCodes.Ok;
    }
}
