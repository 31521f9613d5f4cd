using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports;
using Planner.Reports.Pdf;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary><c>planner run SCENARIO</c>: simulate, print the summary, write the reports.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file, for example scenarios/chat-seed-stage.yaml" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the reports (default: reports/<scenario name>)" };
        var seed = new Option<ulong?>("--seed") { Description = "Override the scenario's seed" };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: the catalog/ nearest the scenario)" };
        var command = new Command("run", "Simulate every option month by month and write summary.json, monthly.csv, report.md, report.html, report.pdf and charts/")
        {
            scenario, output, seed, catalog,
        };
        command.SetAction(parse => Execute(parse.GetValue(scenario)!, parse.GetValue(output), parse.GetValue(seed), parse.GetValue(catalog), stdout, stderr));
        return command;
    }

    private static int Execute(string scenarioPath, string? outputDirectory, ulong? seed, string? catalogDirectory, TextWriter stdout, TextWriter stderr)
    {
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, catalogDirectory, stderr, out IReadOnlyList<string> warnings);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }
        if (seed is ulong s)
        {
            spec = spec with { Seed = s };
        }
        IAnsiConsole console = Terminal.Create(stdout);
        // The browser that prints report.pdf starts now, so that its start-up overlaps the simulation.
        using ChromiumSession? browser = ChromiumLocator.Find(out _) is string chromium ? ChromiumSession.TryStart(chromium) : null;
        var clock = Stopwatch.StartNew();
        ProjectionResult result = Simulate(spec, console);
        clock.Stop();

        string directory = outputDirectory ?? Path.Combine("reports", spec.Name);
        var report = new RunReport { Projection = result, ScenarioPath = scenarioPath, Warnings = warnings };
        // The reports, the PDF above all, are written while the summary is shown.
        Task<ReportSetResult> writing = Task.Run(() => ReportSet.WriteAll(report, directory, new ReportSetOptions { Browser = browser }));
        console.MarkupLine($"[bold]{Markup.Escape(spec.Name)}[/] — {spec.HorizonMonths} months from {spec.StartMonth:yyyy-MM}, seed {spec.Seed}, baseline {Markup.Escape(result.BaselineName)}");
        console.Write(ResultTables.Options(result));
        console.WriteLine();
        console.MarkupLine("[bold]Recommendation[/]");
        foreach (string sentence in result.Recommendation.Sentences)
        {
            console.WriteLine("  " + sentence);
        }
        ReportSetResult written = writing.GetAwaiter().GetResult();
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated {result.SimulatedRequests:#,##0} requests ({result.SimulatedEvents:#,##0} events) in {clock.Elapsed.TotalSeconds:0.00} s."));
        ReportOutput.Print(written, stdout, stderr);
        return ExitCodes.Ok;
    }

    private static ProjectionResult Simulate(ScenarioSpec spec, IAnsiConsole console)
    {
        var projector = new Projector();
        if (!console.Profile.Capabilities.Interactive)
        {
            return projector.Run(spec);
        }
        ProjectionResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask($"simulating {spec.Options.Count} options × {spec.HorizonMonths} months");
                result = projector.Run(spec, new SynchronousProgress(task));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Reports progress straight from worker threads (Spectre's task is thread-safe).</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = value.Total;
            task.Value = Math.Max(task.Value, value.Done);
        }
    }
}
