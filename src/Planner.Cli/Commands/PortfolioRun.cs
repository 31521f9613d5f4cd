using System.Diagnostics;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Reports;
using Planner.Reports.Optimization;
using Planner.Reports.Output;
using Planner.Reports.Pdf;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner run A.yaml B.yaml …</c>: a portfolio of scenarios planned in one command, each into
/// a folder of its own, with one progress display and a closing table of every recommendation.
/// Each scenario's files are the bytes a run of it alone writes. On a cluster the units of every
/// scenario are sent to the workers together; here, the scenarios run one after the other, each
/// on every core.
/// </summary>
internal static class PortfolioRun
{
    public static int Execute(IReadOnlyList<string> scenarioPaths, string? outputParent, ulong? seed, string? catalogDirectory, string? clusterPath,
        TextWriter stdout, TextWriter stderr)
    {
        // Every file is read and every problem printed before anything is simulated or written.
        var loaded = new List<(ScenarioSpec Spec, string Path, IReadOnlyList<string> Warnings)>();
        var bad = new List<string>();
        foreach (string path in scenarioPaths)
        {
            if (ScenarioInput.Load(path, catalogDirectory, stderr, out IReadOnlyList<string> warnings) is ScenarioSpec spec)
            {
                loaded.Add((seed is ulong s ? spec with { Seed = s } : spec, path, warnings));
            }
            else
            {
                bad.Add(path);
            }
        }
        bool ok = bad.Count == 0;
        foreach (var same in loaded.GroupBy(x => x.Spec.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            string[] files = [.. same.Select(x => x.Path)];
            string which = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Count() == 1
                ? string.Create(CultureInfo.InvariantCulture, $"{files[0]} is given {files.Length} times")
                : $"{string.Join(", ", files[..^1])} and {files[^1]} are {(files.Length == 2 ? "both" : "all")} named '{same.Key}'";
            stderr.WriteLine($"error: {which}, and each scenario of a portfolio writes to a folder named after it ({Folder(outputParent, same.Key)}) "
                + "(allowed: scenarios with different name: values, each given once)");
            ok = false;
        }
        // Orleans is loaded only here, when a cluster is asked for.
        Func<IReadOnlyList<IProgress<(int Done, int Total)>?>, IReadOnlyList<ProjectionResult>?>? onCluster = null;
        if (clusterPath is not null && (onCluster = ClusterRun.PreparePortfolio(clusterPath, [.. loaded.Select(x => (x.Spec, x.Path))], catalogDirectory, stderr)) is null)
        {
            ok = false;
        }
        if (!ok)
        {
            stderr.WriteLine(bad.Count > 0
                ? $"{bad.Count} of {scenarioPaths.Count} scenarios have errors ({string.Join(", ", bad)}); nothing was simulated or written."
                : "nothing was simulated or written.");
            return ExitCodes.BadInput;
        }

        string[] folders = [.. loaded.Select(x => Folder(outputParent, x.Spec.Name))];
        if (PrepareFolders(outputParent, folders, [.. loaded.Select(x => x.Spec.Name)], stderr) is int refused)
        {
            return refused;
        }
        IAnsiConsole console = Terminal.Create(stdout);
        // The browser that prints every report.pdf starts now, so that its start-up overlaps the simulation.
        using ChromiumSession? browser = ChromiumLocator.Find(out _) is string chromium ? ChromiumSession.TryStart(chromium) : null;
        foreach ((ScenarioSpec spec, _, _) in loaded)
        {
            stderr.WriteLine($"{spec.Name}: {RunCommand.WorkLine(new Projector().PlanWork(spec))}");
        }
        int[] totals = [.. loaded.Select(x => OptionWindows(x.Spec))];
        string label = string.Create(CultureInfo.InvariantCulture,
            $"simulating {loaded.Count} scenarios ({loaded.Sum(x => x.Spec.Options.Count)} options in all)");
        var clock = Stopwatch.StartNew();
        s_done = 0;
        s_folders = folders;
        IReadOnlyList<ProjectionResult>? results = RunCommand.Simulate(label, console, stderr, display =>
        {
            var progress = new PortfolioProgress(display, totals);
            IProgress<(int Done, int Total)>?[] parts = [.. Enumerable.Range(0, loaded.Count).Select(progress.Part)];
            return onCluster is not null
                ? onCluster(parts)
                : (IReadOnlyList<ProjectionResult>)[.. loaded.Select((x, i) => new Projector().Run(x.Spec, parts[i]))];
        });
        clock.Stop();
        if (results is null)
        {
            s_folders = null;
            return ExitCodes.Failure;
        }

        var written = new List<ReportSetResult>();
        for (int i = 0; i < loaded.Count; i++)
        {
            s_done = i;
            ProjectionResult result = results[i];
            foreach (string warning in result.Warnings)
            {
                stderr.WriteLine($"warning: {result.Scenario.Name}: {warning}");
            }
            RunReport report = RunCommand.Report(result, loaded[i].Path, loaded[i].Warnings, folders[i], out string? optimizationNote);
            written.Add(ReportSet.WriteAll(report, folders[i], new ReportSetOptions { Browser = browser, Waiting = note => stderr.WriteLine("note: " + note) }));
            s_done = i + 1;
            if (report.Optimization is not null)
            {
                stdout.WriteLine($"{result.Scenario.Name}: the reports include the configuration search in {Path.Combine(folders[i], OptimizationReportSet.JsonFile)}.");
            }
            if (optimizationNote is not null)
            {
                stderr.WriteLine($"note: {result.Scenario.Name}: {optimizationNote}.");
            }
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Portfolio of {loaded.Count} scenarios[/]"));
        console.Write(PortfolioTables.Summary([.. results.Select((r, i) => (r, folders[i]))]));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated {results.Sum(r => r.SimulatedRequests):#,##0} requests ({results.Sum(r => r.SimulatedEvents):#,##0} events) of {loaded.Count} scenarios in {clock.Elapsed.TotalSeconds:0.00} s."));
        int fileCount = written.Sum(w => w.Written.Count);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {fileCount:#,##0} files: summary.json, monthly.csv, the reports and charts/ in each scenario's folder above."));
        // Said once: the same reason holds for every scenario.
        if (written.Select(w => w.ChartsProblem).FirstOrDefault(p => p is not null) is string charts)
        {
            stderr.WriteLine(ReportOutput.ChartsNote(charts, "FOLDER").TrimEnd('.') + " (FOLDER: each scenario's folder above).");
        }
        if (written.Select(w => w.PdfProblem).FirstOrDefault(p => p is not null) is string problem)
        {
            stderr.WriteLine($"note: report.pdf not written: {problem}.");
        }
        s_folders = null;
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Checks every scenario's folder, and the folder that holds them, before creating any, so that
    /// a portfolio refused for one folder leaves no other behind; then creates them as a run of
    /// each alone would. Null when all can be written, else the exit code after saying why: 2 for
    /// the choice of folder (a file, another scenario's run), 1 for the machine, removing the
    /// folders this call created.
    /// </summary>
    private static int? PrepareFolders(string? parent, string[] folders, string[] names, TextWriter stderr)
    {
        // Said now, not after minutes of simulation, with the messages of a run of one scenario.
        var refusals = new List<string>();
        if (parent is not null && OutputFolder.ParentRefusal(parent) is string parentProblem)
        {
            refusals.Add(parentProblem);
        }
        else
        {
            refusals.AddRange(folders.Select((f, i) => OutputFolder.Refusal(f, names[i])).OfType<string>());
        }
        if (refusals.Count > 0)
        {
            foreach (string refusal in refusals)
            {
                stderr.WriteLine($"error: --out: {refusal}");
            }
            return ExitCodes.BadInput;
        }
        string[] created = [.. new[] { parent ?? "reports" }.Concat(folders).Where(f => !Directory.Exists(f))];
        foreach ((string folder, int i) in folders.Select((f, i) => (f, i)))
        {
            if (OutputFolder.Prepare(folder, names[i], out bool chosenBadly) is string folderProblem)
            {
                stderr.WriteLine($"error: --out: {folderProblem}");
                // The folders are new and empty (the write check deletes its file): the deepest go first.
                foreach (string made in created.Reverse())
                {
                    try
                    {
                        if (Directory.Exists(made) && !Directory.EnumerateFileSystemEntries(made).Any())
                        {
                            Directory.Delete(made);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Left as it is: the error above is what the user needs.
                    }
                }
                return chosenBadly ? ExitCodes.BadInput : ExitCodes.Failure;
            }
        }
        return null;
    }

    private static volatile string[]? s_folders;
    private static volatile int s_done;

    /// <summary>
    /// While a portfolio simulates and then writes its scenarios' reports one folder after another,
    /// which folders hold their new run and which still hold what they held (an interruption names
    /// them); null when no portfolio is under way.
    /// </summary>
    /// <param name="committing">Whether a folder's files are being moved into place, a move that finishes first.</param>
    internal static string? Written(bool committing) =>
        s_folders is { } folders ? WrittenNote(folders, Math.Min(folders.Length, s_done + (committing ? 1 : 0))) : null;

    /// <summary>The portfolio's state once the first <paramref name="done"/> of <paramref name="folders"/> are written.</summary>
    internal static string WrittenNote(IReadOnlyList<string> folders, int done)
    {
        static string Names(IEnumerable<string> f) => string.Join(", ", f.Select(x => x.Replace('\\', '/') + "/"));
        return done >= folders.Count
            ? string.Create(CultureInfo.InvariantCulture, $"every one of the portfolio's {folders.Count} scenario folders holds its new run ({Names(folders)})")
            : done == 0
            ? string.Create(CultureInfo.InvariantCulture, $"none of the portfolio's {folders.Count} scenarios had its reports written yet ({Names(folders)})")
            : string.Create(CultureInfo.InvariantCulture,
                $"the portfolio was cut short: {Names(folders.Take(done))} {(done == 1 ? "holds its" : "hold their")} new run, and {Names(folders.Skip(done))} {(folders.Count - done == 1 ? "holds" : "hold")} what {(folders.Count - done == 1 ? "it" : "they")} held before (run the portfolio again for the whole of it)");
    }

    /// <summary>The scenario's folder: under <paramref name="parent"/> when given, else where a run of it alone writes (reports/&lt;name&gt;).</summary>
    private static string Folder(string? parent, string scenarioName) => Path.Combine(parent ?? "reports", scenarioName);

    /// <summary>Option-windows the scenario's run will report progress over: its units × its options.</summary>
    private static int OptionWindows(ScenarioSpec spec) =>
        Enumerable.Range(0, spec.HorizonMonths).Sum(m => MonthWindowPlanner.Plan(spec, m).Count) * spec.Options.Count;
}
