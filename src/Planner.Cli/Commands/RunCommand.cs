using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Reports;
using Planner.Reports.Json;
using Planner.Reports.Narrative;
using Planner.Reports.Optimization;
using Planner.Reports.Output;
using Planner.Reports.Pdf;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary><c>planner run SCENARIO</c>: simulate, print the summary, write the reports.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string[]>("scenarios")
        {
            Description = "Scenario YAML file, for example scenarios/chat-seed-stage.yaml; several plan a portfolio, each scenario into a folder of its own",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the reports (default: reports/<scenario name>); with several scenarios, the folder that holds one <scenario name>/ folder each",
        };
        var seed = new Option<ulong?>("--seed") { Description = "Override the scenario's seed" };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: the catalog/ nearest the scenario)" };
        var samples = new Option<int?>("--samples")
        {
            Description = "Also run a Monte Carlo of N samples over the scenario's uncertainty: inputs, with a sensitivity tornado (N defaults to uncertainty.samples)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new Option<int>("--check-surrogate")
        {
            Description = "Simulate the first K Monte Carlo samples in full (twice, with two seeds) and report the surrogate's error",
            DefaultValueFactory = _ => 0,
        };
        var exact = new Option<bool>("--exact")
        {
            Description = "With --samples N: simulate every sample in full (no surrogate), on this machine or on --cluster, and report the surrogate's error on every sample; "
                + "--check-surrogate K then re-simulates the first K samples with another seed to measure the simulation's own noise",
        };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Simulate on a cluster of `planner worker`s described by this file (YAML: clustering: redis or kubernetes, redis: HOST:PORT, cluster_id, service_id); the results are the same bytes as a local run",
        };
        var command = new Command("run", "Simulate every option month by month and write summary.json, monthly.csv, report.md, report.html, report.pdf and charts/")
        {
            scenario, output, seed, catalog, samples, exact, check, cluster,
        };
        command.SetAction(parse =>
        {
            bool sampled = parse.GetResult(samples) is { Implicit: false };
            if (sampled && parse.GetValue(samples) is int given && given < 1)
            {
                // 0 and negative counts would otherwise read as "none" and "the scenario's default".
                stderr.WriteLine($"error: --samples {given.ToString(System.Globalization.CultureInfo.InvariantCulture)}: a Monte Carlo needs at least one sample "
                    + "(allowed: --samples 1 to 100,000, --samples alone for the scenario's uncertainty.samples, or no --samples for no Monte Carlo)");
                return ExitCodes.BadInput;
            }
            string[] scenarios = parse.GetValue(scenario)!;
            if (scenarios.Length > 1)
            {
                if (sampled || parse.GetValue(exact) || parse.GetValue(check) != 0)
                {
                    stderr.WriteLine($"error: --samples, --exact and --check-surrogate analyse one scenario at a time, and {scenarios.Length} were given "
                        + "(allowed: a portfolio of scenarios without them, or one scenario with them)");
                    return ExitCodes.BadInput;
                }
                return PortfolioRun.Execute(scenarios, parse.GetValue(output), parse.GetValue(seed), parse.GetValue(catalog), parse.GetValue(cluster), stdout, stderr);
            }
            return Execute(scenarios[0], parse.GetValue(output), parse.GetValue(seed), parse.GetValue(catalog),
                sampled ? parse.GetValue(samples) ?? -1 : 0, parse.GetValue(exact), parse.GetValue(check), parse.GetValue(cluster), stdout, stderr);
        });
        return command;
    }

    // samples: Monte Carlo samples, 0 for none and −1 for the scenario's default.
    private static int Execute(string scenarioPath, string? outputDirectory, ulong? seed, string? catalogDirectory, int samples, bool exact, int checks,
        string? clusterPath, TextWriter stdout, TextWriter stderr)
    {
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, catalogDirectory, stderr, out IReadOnlyList<string> warnings, out IScenarioVariantFactory? variants);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }
        if (exact && samples <= 0)
        {
            stderr.WriteLine("error: --exact needs --samples N with N given (every sample is simulated in full, about as long as a whole run each; allowed: --samples 1 to 100,000)");
            return ExitCodes.BadInput;
        }
        if (samples != 0 || checks != 0)
        {
            if (spec.Uncertainty.Inputs.Count == 0 || variants is null)
            {
                stderr.WriteLine($"{scenarioPath}: error: --samples and --check-surrogate need uncertain inputs, and the scenario has no uncertainty: section "
                    + "(add one listing inputs as distributions; see scenarios/README.md)");
                return ExitCodes.BadInput;
            }
            samples = samples < 0 ? spec.Uncertainty.DefaultSamples : samples;
            if (samples is < 0 or > 100_000 || checks is < 0 or > 100)
            {
                // Each option named with its own value and range (they were said together, so a user could not tell which was wrong).
                if (samples is < 0 or > 100_000)
                {
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --samples: {samples} is out of range (allowed: 1 to 100,000)"));
                }
                if (checks is < 0 or > 100)
                {
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --check-surrogate: {checks} is out of range (allowed: 0 to 100)"));
                }
                return ExitCodes.BadInput;
            }
            if (checks > samples)
            {
                // Without --exact too: `--samples 5 --check-surrogate 50` simulated 50, 45 of them samples the Monte Carlo never drew.
                stderr.WriteLine(exact
                    ? $"error: --check-surrogate {checks} with --exact re-simulates that many of the samples with another seed, and there are {samples} (allowed: 0 to {samples})"
                    : $"error: --check-surrogate {checks} simulates that many of the Monte Carlo's samples in full, and there are {samples} (allowed: 0 to {samples})");
                return ExitCodes.BadInput;
            }
        }
        if (seed is ulong s)
        {
            spec = spec with { Seed = s };
            variants = variants is null ? null : new ReseededVariants(variants, s);
        }
        // Orleans is loaded only here, when a cluster is asked for.
        Func<IProgress<(int Done, int Total)>?, ProjectionResult?>? onCluster = null;
        if (clusterPath is not null && (onCluster = ClusterRun.Prepare(clusterPath, spec, scenarioPath, catalogDirectory, stderr)) is null)
        {
            return ExitCodes.BadInput;
        }
        ISampleSimulator? sampleSimulator = !exact ? null
            : clusterPath is null ? new LocalSampleSimulator() : ClusterRun.SampleSimulator(clusterPath, scenarioPath, catalogDirectory, stderr);
        string directory = outputDirectory ?? Path.Combine("reports", spec.Name);
        // Said now, not after minutes of simulation.
        if (OutputFolder.Prepare(directory, spec.Name, out bool chosenBadly) is string folderProblem)
        {
            stderr.WriteLine($"error: --out: {folderProblem}");
            return chosenBadly ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        IAnsiConsole console = Terminal.Create(stdout);
        // The browser that prints report.pdf starts now, so that its start-up overlaps the simulation.
        using ChromiumSession? browser = ChromiumLocator.Find(out _) is string chromium ? ChromiumSession.TryStart(chromium) : null;
        SimulationWork work = new Projector().PlanWork(spec);
        stderr.WriteLine(WorkLine(work));
        var clock = Stopwatch.StartNew();
        ProjectionResult? simulated = Simulate($"simulating {spec.Options.Count} options × {spec.HorizonMonths} months", console, stderr,
            onCluster ?? (progress => new Projector().Run(spec, progress)));
        clock.Stop();
        if (simulated is not ProjectionResult result)
        {
            return ExitCodes.Failure;
        }
        foreach (string warning in result.Warnings)
        {
            stderr.WriteLine("warning: " + warning);
        }

        RunReport report = Report(result, scenarioPath, warnings, directory, out string? optimizationNote);
        OptimizationDocument? optimization = report.Optimization;
        var reportOptions = new ReportSetOptions { Browser = browser, Waiting = note => stderr.WriteLine("note: " + note) };
        bool analyse = (samples > 0 || checks > 0) && variants is not null;
        // Without a Monte Carlo the reports, the PDF above all, are written while the summary is shown.
        Task<ReportSetResult>? writing = analyse ? null : Task.Run(() => ReportSet.WriteAll(report, directory, reportOptions));
        console.MarkupLine($"[bold]{Markup.Escape(spec.Name)}[/] — {spec.HorizonMonths} months from {spec.StartMonth:yyyy-MM}, seed {spec.Seed}, baseline {Markup.Escape(result.BaselineName)}");
        console.WriteLine(ResultTables.Traffic(spec));
        console.Write(ResultTables.Options(result, console.Profile.Width));
        // Which target each missing option misses, in the words of the report's main risks.
        SummaryDocument summary = SummaryJsonWriter.Build(report);
        foreach (string miss in SloMissLines.For(summary))
        {
            console.WriteLine(miss);
        }
        console.WriteLine();
        console.MarkupLine("[bold]Recommendation[/]");
        foreach (string sentence in result.Recommendation.Sentences)
        {
            console.WriteLine("  " + sentence);
        }
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated {result.SimulatedRequests:#,##0} requests ({result.SimulatedEvents:#,##0} events) in {clock.Elapsed.TotalSeconds:0.00} s."));
        console.WriteLine(SimulationNoise.Sentence(summary));
        ReportSetResult written;
        if (writing is null)
        {
            MonteCarloResult? monteCarlo;
            TornadoResult? tornado;
            try
            {
                (monteCarlo, tornado) = Analyse(spec, variants!, result, samples, checks, sampleSimulator, console, stderr);
            }
            catch (ClusterFailedException e)
            {
                stderr.WriteLine($"error: --cluster: {e.Message}");
                return ExitCodes.Failure;
            }
            IReadOnlyList<string> idle = tornado is null ? [] : IdleInputs(spec, tornado);
            foreach (string warning in idle)
            {
                stderr.WriteLine(warning);
            }
            written = ReportSet.WriteAll(report with { MonteCarlo = monteCarlo, Tornado = tornado, Warnings = [.. report.Warnings, .. idle] },
                directory, reportOptions);
        }
        else
        {
            written = writing.GetAwaiter().GetResult();
        }
        ReportOutput.Print(written, stdout, stderr);
        if (optimization is not null)
        {
            stdout.WriteLine($"The reports include the configuration search in {Path.Combine(directory, OptimizationReportSet.JsonFile)}.");
        }
        if (optimizationNote is not null)
        {
            stderr.WriteLine("note: " + optimizationNote + ".");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// What the reports of a run are drawn from: the projection, the scenario file's fingerprint, every
    /// warning, and a search by `planner optimize` of this very scenario file and seed when
    /// <paramref name="directory"/> holds one (else <paramref name="optimizationNote"/> may say why not).
    /// </summary>
    internal static RunReport Report(ProjectionResult result, string scenarioPath, IReadOnlyList<string> warnings, string directory, out string? optimizationNote)
    {
        string? sha256 = ScenarioFingerprint.Of(scenarioPath);
        OptimizationDocument? optimization = OptimizationReportSet.ReadMatching(directory, sha256, result.Scenario.Seed, out optimizationNote);
        return new RunReport
        {
            Projection = result, ScenarioPath = scenarioPath, Warnings = [.. warnings, .. result.Warnings], ScenarioSha256 = sha256, Optimization = optimization,
        };
    }

    /// <summary>
    /// Warnings, at each input's place in the scenario, for the uncertain inputs that move only options
    /// the tornado does not compare: the author who gave them a range sees why their bars are $0.
    /// </summary>
    internal static IReadOnlyList<string> IdleInputs(ScenarioSpec spec, TornadoResult tornado) =>
        [.. spec.Uncertainty.Inputs
            .Select(input => (input, moved: input.OptionsMoved))
            .Where(x => x.moved is not null && !x.moved.Contains(tornado.Option) && !x.moved.Contains(tornado.Baseline))
            .Select(x => $"{x.input.Location}: warning: uncertainty input '{x.input.Path}' moves only {string.Join(", ", x.moved!)}, "
                         + $"which the tornado does not compare (it compares {tornado.Option} with {tornado.Baseline}): its swing is $0")];

    /// <summary>"Simulating about 9.4 M requests (api 0.2 M, l4 4.1 M, …), and then any months checked again for noise.", and the options whose days had to be compressed past the fidelity limit.</summary>
    internal static string WorkLine(SimulationWork work)
    {
        static string Millions(double n) => n >= 1e6
            ? string.Create(CultureInfo.InvariantCulture, $"{n / 1e6:0.0} M")
            : string.Create(CultureInfo.InvariantCulture, $"{n / 1e3:0} k");
        string perOption = string.Join(", ", work.Options.Select((o, i) => $"{o} {Millions(work.ExpectedRequests[i])}"));
        // Months checked again for noise after the run (NoiseFollowUp) are chosen from its results, so they cannot be counted here.
        string line = $"Simulating about {Millions(work.TotalRequests)} requests ({perOption}), and then any months checked again for noise.";
        var approximate = work.Options.Select((o, i) => (o, n: work.ApproximateDays[i])).Where(x => x.n > 0).ToList();
        if (approximate.Count > 0)
        {
            line += " Past the work bound, days were compressed beyond the fidelity limit (figures approximate) for: "
                + string.Join(", ", approximate.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.o} ({x.n} day{(x.n == 1 ? "" : "s")})")))
                + "; raise simulation.max_requests_per_day to simulate them in full.";
        }
        return line;
    }

    /// <summary>Runs <paramref name="run"/> under one progress display: a bar on a terminal, else lines on stderr; null when the run said why it failed.</summary>
    internal static T? Simulate<T>(string label, IAnsiConsole console, TextWriter stderr, Func<IProgress<(int Done, int Total)>?, T?> run)
        where T : class
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            using var lines = new ProgressLines(stderr, label, "simulated days");
            T? projection = run(lines);
            // A run that failed said why; "done" would contradict it.
            if (projection is not null)
            {
                lines.Finish();
            }
            return projection;
        }
        T? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(label));
                result = run(new SynchronousProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Monte Carlo and tornado on shared response surfaces, then the optional check of the surrogate against full simulations.</summary>
    private static (MonteCarloResult?, TornadoResult?) Analyse(ScenarioSpec spec, IScenarioVariantFactory variants, ProjectionResult result,
        int samples, int checks, ISampleSimulator? exact, IAnsiConsole console, TextWriter stderr)
    {
        if (exact is not null)
        {
            return AnalyseExact(spec, variants, result, samples, checks, exact, console, stderr);
        }
        var analysis = new DecisionAnalysis(variants, result.BaselineName);
        ulong seed = SeedSequence.Derive(spec.Seed, 0x4D43);
        var clock = Stopwatch.StartNew();
        MonteCarloResult? monteCarlo = null;
        TornadoResult? tornado = null;
        WithProgress(console, stderr, $"Monte Carlo: simulating response surfaces for {samples:#,##0} samples", progress =>
            (monteCarlo, tornado) = analysis.Analyse(samples, seed, result.Recommendation.Alternative, progress));
        clock.Stop();
        IReadOnlyList<SurrogateCheck> checkRows = [];
        if (checks > 0)
        {
            WithProgress(console, stderr, $"checking the surrogate against {checks} full simulations", _ => checkRows = analysis.CheckAgainstSimulation(checks, seed));
        }
        console.WriteLine();
        if (monteCarlo is not null)
        {
            monteCarlo = monteCarlo with { Checks = checkRows };
            console.Write(DecisionTables.MonteCarlo(monteCarlo, spec.HorizonMonths));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Monte Carlo: {monteCarlo.Samples:#,##0} {(monteCarlo.Samples == 1 ? "sample" : "samples")} in {clock.Elapsed.TotalSeconds:0.00} s (response surfaces: {monteCarlo.Surrogate.DayVolumes.Count} daily volumes, "
                + $"{monteCarlo.Surrogate.PhysicsInputs.Count} system input(s), {monteCarlo.Surrogate.SimulatedRequests:#,##0} simulated requests in {monteCarlo.Surrogate.BuildSeconds:0.00} s; "
                + $"evaluation {monteCarlo.Surrogate.EvaluateSeconds:0.00} s)."));
        }
        if (tornado is not null)
        {
            console.WriteLine();
            console.Write(DecisionTables.Tornado(tornado, spec.HorizonMonths));
        }
        if (checkRows.Count > 0)
        {
            console.WriteLine();
            console.Write(DecisionTables.Checks(checkRows));
        }
        return (monteCarlo, tornado);
    }

    /// <summary>Every sample simulated in full by <paramref name="simulator"/>, with the surrogate evaluated beside them and its error summed up per option.</summary>
    private static (MonteCarloResult?, TornadoResult?) AnalyseExact(ScenarioSpec spec, IScenarioVariantFactory variants, ProjectionResult result,
        int samples, int seedChecks, ISampleSimulator simulator, IAnsiConsole console, TextWriter stderr)
    {
        var analysis = new DecisionAnalysis(variants, result.BaselineName);
        ulong seed = SeedSequence.Derive(spec.Seed, 0x4D43);
        var clock = Stopwatch.StartNew();
        MonteCarloResult monteCarlo = null!;
        TornadoResult? tornado = null;
        string reseeded = seedChecks > 0 ? string.Create(CultureInfo.InvariantCulture, $" (and {seedChecks} again with another seed)") : "";
        WithProgress(console, stderr, $"Monte Carlo: simulating {samples:#,##0} samples in full{reseeded}", progress =>
            (monteCarlo, tornado) = analysis.AnalyseExact(samples, seed, result.Recommendation.Alternative, simulator, seedChecks, null, progress), "samples");
        clock.Stop();
        console.WriteLine();
        console.Write(DecisionTables.MonteCarlo(monteCarlo, spec.HorizonMonths));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Monte Carlo: {monteCarlo.Samples:#,##0} {(monteCarlo.Samples == 1 ? "sample" : "samples")} simulated in full in {clock.Elapsed.TotalSeconds:0.00} s (the surrogate beside them: {monteCarlo.Surrogate.DayVolumes.Count} daily volumes, "
            + $"{monteCarlo.Surrogate.SimulatedRequests:#,##0} simulated requests in {monteCarlo.Surrogate.BuildSeconds:0.00} s)."));
        if (tornado is not null)
        {
            console.WriteLine();
            console.Write(DecisionTables.Tornado(tornado, spec.HorizonMonths));
        }
        console.WriteLine();
        console.Write(DecisionTables.SurrogateError(monteCarlo.Checks));
        return (monteCarlo, tornado);
    }

    private static void WithProgress(IAnsiConsole console, TextWriter stderr, string label, Action<IProgress<(int Done, int Total)>?> work, string unit = "simulations")
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            using var lines = new ProgressLines(stderr, label, unit);
            work(lines);
            lines.Finish();
            return;
        }
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(label));
                work(new SynchronousProgress(task));
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Variants of a scenario whose seed the command line overrides.</summary>
    private sealed class ReseededVariants(IScenarioVariantFactory inner, ulong seed) : IScenarioVariantFactory
    {
        public ScenarioSpec Base { get; } = inner.Base with { Seed = seed };

        public ScenarioSpec Create(IReadOnlyList<double> values) => inner.Create(values) with { Seed = seed };
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
