using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Planner.Cli.Console;
using Planner.Core.Optimization;
using Planner.Core.Specs;
using Planner.Reports;
using Planner.Reports.Json;
using Planner.Reports.Optimization;
using Planner.Reports.Output;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Optimization;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner optimize SCENARIO</c>: for each month's load, the cheapest self-hosted configuration
/// that meets the SLOs (GPU type × GPUs per replica × precision × batch limit × autoscaler
/// target and minimum, and mixes of two GPU types), Pareto frontiers of cost against p95 TTFT,
/// and a path through time that changes hardware only when the saving pays for the move.
/// </summary>
public static class OptimizeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario YAML file, for example scenarios/chat-seed-stage.yaml" };
        var option = new Option<string?>("--option") { Description = "Self-hosted or hybrid option whose model, engine settings and fixed costs the search uses (default: the first)" };
        var gpus = new Option<string?>("--gpus") { Description = "GPU ids to search, comma-separated (default: every GPU with an on-demand price)" };
        var gpusPerReplica = new Option<string?>("--gpus-per-replica") { Description = "GPUs per replica, comma-separated (default: 1,2,4,8 where the model fits)" };
        var precisions = new Option<string?>("--precisions") { Description = "Weight precisions: fp32, bf16, fp16, fp8, fp4, int4 (default: the option's; fp8 becomes bf16 on GPUs without FP8)" };
        var maxSeqs = new Option<string>("--max-seqs") { Description = "Engine batch limits (max concurrent sequences)", DefaultValueFactory = _ => "32,64,128,256" };
        var targets = new Option<string>("--targets") { Description = "Autoscaler targets: in-flight requests per replica", DefaultValueFactory = _ => "8,16,32,64" };
        var minReplicas = new Option<string>("--min-replicas") { Description = "Autoscaler minimum replicas", DefaultValueFactory = _ => "1,2" };
        var maxReplicas = new Option<int>("--max-replicas") { Description = "Autoscaler maximum replicas of every configuration", DefaultValueFactory = _ => 1000 };
        var provider = new Option<string?>("--provider") { Description = "Catalog prices from this provider, or 'any' for the cheapest anywhere (default: the provider of the scenario's prices)" };
        var noMixes = new Option<bool>("--no-mixes") { Description = "Do not try mixes of two GPU types" };
        var levelStep = new Option<double>("--level-step") { Description = "Months whose volumes lie within one step of this ratio share a load level, simulated at their largest volume", DefaultValueFactory = _ => 1.35 };
        var switchCost = new Option<double>("--switch-cost") { Description = "One-time USD cost of moving to other hardware on the path through time", DefaultValueFactory = _ => 5000 };
        var retuneCost = new Option<double>("--retune-cost") { Description = "One-time USD cost of changing engine or autoscaler settings on the same hardware", DefaultValueFactory = _ => 250 };
        var frontierMonths = new Option<string?>("--frontier-months") { Description = "Months whose cost/latency Pareto frontier is mapped (default: first, middle, last)" };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "Simulate every configuration at every level (no pruning; slow)" };
        var allowOscillation = new Option<bool>("--allow-oscillation")
        {
            Description = "Keep the cheapest configuration even where it oscillates at a month's own volume (by default the path replaces it, as one that misses the SLO, and names any month where no steadier one was found)",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the results (default: reports/<scenario name>)" };
        var seed = new Option<ulong?>("--seed") { Description = "Override the scenario's seed" };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: the catalog/ nearest the scenario)" };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "With --exhaustive: simulate on a cluster of `planner worker`s described by this file (as planner run --cluster); optimization.json and the reports are the same bytes as a local search",
        };
        var command = new Command("optimize", "Find the cheapest self-hosted configuration that meets the SLOs for each month's load; write optimization.json, optimization.md and charts/optimization-*.svg")
        {
            scenario, option, gpus, gpusPerReplica, precisions, maxSeqs, targets, minReplicas, maxReplicas, provider, noMixes, levelStep, switchCost,
            retuneCost, frontierMonths, exhaustive, allowOscillation, output, seed, catalog, cluster,
        };
        command.SetAction(parse =>
        {
            var errors = new List<string>();
            foreach ((string name, string? list) in new[] { ("--gpus", parse.GetValue(gpus)), ("--precisions", parse.GetValue(precisions)), ("--gpus-per-replica", parse.GetValue(gpusPerReplica)) })
            {
                if (list is not null && Words(list)!.Count == 0)
                {
                    errors.Add($"{name} names nothing (allowed: a comma-separated list, or leave {name} out for its default)");
                }
            }
            // An empty item between commas ("1,,2") was dropped in silence: a value left out by mistake.
            foreach ((string name, string? list) in new[]
            {
                ("--gpus", parse.GetValue(gpus)), ("--precisions", parse.GetValue(precisions)), ("--gpus-per-replica", parse.GetValue(gpusPerReplica)),
                ("--max-seqs", parse.GetValue(maxSeqs)), ("--targets", parse.GetValue(targets)), ("--min-replicas", parse.GetValue(minReplicas)),
                ("--frontier-months", parse.GetValue(frontierMonths)),
            })
            {
                if (list is not null && Words(list)!.Count > 0 && list.Split(',').Any(item => item.Trim().Length == 0))
                {
                    errors.Add($"{name}: '{list}' has an empty item between commas (allowed: a comma-separated list without empty items, for example {(name is "--gpus" or "--precisions" ? "h100-sxm,l40s" : "1,2,4")})");
                }
            }
            var request = new CandidateRequest
            {
                OptionName = parse.GetValue(option),
                Gpus = Words(parse.GetValue(gpus)),
                GpusPerReplica = parse.GetValue(gpusPerReplica) is string g ? Ints("--gpus-per-replica", g, errors) : null,
                Precisions = Words(parse.GetValue(precisions)),
                MaxConcurrentSequences = Ints("--max-seqs", parse.GetValue(maxSeqs)!, errors),
                Targets = Doubles("--targets", parse.GetValue(targets)!, errors),
                MinReplicas = Ints("--min-replicas", parse.GetValue(minReplicas)!, errors),
                MaxReplicas = parse.GetValue(maxReplicas),
                Provider = parse.GetValue(provider),
            };
            double step = parse.GetValue(levelStep);
            if (!(step > 1) || !double.IsFinite(step))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"--level-step: {step} must be a number above 1 (for example 1.25: levels 25% apart)"));
            }
            double switchUsd = parse.GetValue(switchCost);
            double retuneUsd = parse.GetValue(retuneCost);
            // Bounded as a scenario's one-time costs are: 1e308 was taken and printed as 300-digit dollar figures.
            const double most = 1e12; // a scenario's one-time amount_usd allows 0 to 1e12
            foreach ((string name, double usd) in new[] { ("--switch-cost", switchUsd), ("--retune-cost", retuneUsd) })
            {
                if (!(usd >= 0 && usd <= most))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {usd} USD is out of range (allowed: 0 to {most:#,##0} USD, as a scenario's one-time costs)"));
                }
            }
            var settings = new OptimizerSettings
            {
                LevelStep = step,
                SwitchCostUsd = switchUsd,
                RetuneCostUsd = retuneUsd,
                FrontierMonths = parse.GetValue(frontierMonths) is string f ? Ints("--frontier-months", f, errors) : [],
                Prune = !parse.GetValue(exhaustive),
                AvoidOscillation = !parse.GetValue(allowOscillation),
            };
            string? clusterPath = parse.GetValue(cluster);
            if (clusterPath is not null && settings.Prune)
            {
                errors.Add("--cluster: needs --exhaustive. The pruned search decides after every simulated window whether to simulate the next one "
                    + "(branch and bound, early stops, stay checks, repairs), so it has no batches of independent work to send to workers; "
                    + "run it locally, or add --exhaustive to simulate every configuration at every level on the cluster");
            }
            return Execute(parse.GetValue(scenario)!, request, settings, !parse.GetValue(noMixes), parse.GetValue(output), parse.GetValue(seed),
                parse.GetValue(catalog), clusterPath, errors, stdout, stderr);
        });
        return command;
    }

    private static int Execute(string scenarioPath, CandidateRequest request, OptimizerSettings settings, bool mixes, string? outputDirectory, ulong? seed,
        string? catalogDirectory, string? clusterPath, List<string> errors, TextWriter stdout, TextWriter stderr)
    {
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, catalogDirectory, stderr, out _);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }
        if (seed is ulong s)
        {
            spec = spec with { Seed = s };
        }
        foreach (int month in settings.FrontierMonths.Where(m => m < 1 || m > spec.HorizonMonths))
        {
            errors.Add($"--frontier-months: month {month} is outside the horizon (1 to {spec.HorizonMonths})");
        }
        // ScenarioInput has already reported any problem with the catalog.
        Catalog catalog = CatalogLocator.Find(scenarioPath, catalogDirectory) is string dir ? CatalogLoader.Load(dir).Catalog ?? Catalog.Empty : Catalog.Empty;
        CandidateSet set = errors.Count > 0 ? new CandidateSet() : CandidateBuilder.Build(spec, catalog, request);
        errors.AddRange(set.Errors);
        if (errors.Count > 0)
        {
            // The notes say which GPUs and counts were skipped and why: the errors refer to them.
            foreach (string note in set.Errors.Count > 0 ? set.Notes : [])
            {
                stderr.WriteLine($"note: {note}");
            }
            foreach (string e in errors)
            {
                stderr.WriteLine($"error: {e}");
            }
            stderr.WriteLine("Run 'planner optimize --help' for the options and their defaults.");
            return ExitCodes.BadInput;
        }
        // Orleans is loaded only here, when a cluster is asked for.
        Func<Func<IOptimizationRunner?, OptimizationResult>, OptimizationResult?> host = search => search(null);
        if (clusterPath is not null)
        {
            if (ClusterRun.PrepareOptimization(clusterPath, spec, scenarioPath, catalogDirectory, request, settings, set.Candidates.Count, stderr) is not { } onCluster)
            {
                return ExitCodes.BadInput;
            }
            host = onCluster;
        }
        string directory = outputDirectory ?? Path.Combine("reports", spec.Name);
        if (OutputFolder.Prepare(directory, spec.Name, out bool chosenBadly) is string folderProblem)
        {
            stderr.WriteLine($"error: --out: {folderProblem}");
            return chosenBadly ? ExitCodes.BadInput : ExitCodes.Failure;
        }

        IAnsiConsole console = Terminal.Create(stdout);
        var space = new SearchSpace { BaseOption = set.BaseOption!, Candidates = set.Candidates, Mixes = mixes };
        OptimizationTables.Header(console, spec, set, space, settings);
        var clock = new PhaseClock();
        OptimizationResult? searched = Search(console, stderr, spec, space, settings, clock, host);
        clock.Stop();
        if (searched is not OptimizationResult result)
        {
            return ExitCodes.Failure;
        }

        OptimizationTables.Results(console, result);
        string? sha256 = ScenarioFingerprint.Of(scenarioPath);
        s_writing = directory;
        (OptimizationDocument document, IReadOnlyList<string> written, string? chartsProblem) = OptimizationReportSet.Write(result, scenarioPath, directory, sha256, note => stderr.WriteLine("note: " + note));
        s_writing = null;
        s_searchWrittenInto = directory;
        OptimizationStatistics st = result.Statistics;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Searched in {clock.Total.TotalSeconds:0.0} s (search {clock.Search.TotalSeconds:0.0} s, verifying the path {clock.Verify.TotalSeconds:0.0} s): {Reports.Optimization.OptimizationMarkdownWriter.SearchAccount(document)}; {st.StoppedEarly:#,##0} stopped after the first window, {st.ExcludedAfterVerification:#,##0} replaced after verification; {st.Simulations:#,##0} window simulations, {st.SimulatedRequests:#,##0} requests, {st.SimulatedEvents:#,##0} events."));
        ReportOutput.Print(new Reports.ReportSetResult(written, null), stdout, stderr);
        if (chartsProblem is not null)
        {
            stderr.WriteLine($"note: charts not drawn (every other file was written): {chartsProblem.TrimEnd('.')}; then running planner optimize again draws them.");
        }
        AddToRunReports(document, directory, scenarioPath, stdout, stderr);
        s_searchWrittenInto = null;
        if (!result.PathMeetsSlo)
        {
            stderr.WriteLine("note: in some months no configuration met the SLO at that month's own load (see the path table); widen the search (--gpus, --targets, --min-replicas) or relax the SLO.");
        }
        return ExitCodes.Ok;
    }

    private static volatile string? s_writing;
    private static volatile string? s_searchWrittenInto;

    /// <summary>
    /// What an interruption leaves once the search's files are going into place: while they move
    /// (a move that finishes first) and after, until the run's reports beside them are drawn again
    /// with the search, the new search beside reports of the earlier one; null before, and while
    /// those reports are being moved into place (that move finishes first too).
    /// </summary>
    /// <param name="committing">Whether files are being moved into place.</param>
    internal static string? Written(bool committing) =>
        (committing ? s_writing : s_searchWrittenInto) is string folder
            ? $"the search's new files are in place in {folder}, but any run's reports there still show what they showed before (planner report {folder} draws them again with the search)"
            : null;

    /// <summary>
    /// Renders the run's reports in <paramref name="directory"/> again with the search as their
    /// Configuration search section, when that run is of the same scenario file and seed.
    /// </summary>
    private static void AddToRunReports(OptimizationDocument document, string directory, string scenarioPath, TextWriter stdout, TextWriter stderr)
    {
        string summaryPath = Path.Combine(directory, "summary.json");
        if (!File.Exists(summaryPath))
        {
            stdout.WriteLine($"No run in {directory} yet: `planner run {scenarioPath}{(directory == Path.Combine("reports", document.Scenario.Name) ? "" : $" --out {directory}")}` writes its reports with this search included.");
            return;
        }
        SummaryDocument summary;
        try
        {
            summary = SummaryJsonWriter.Deserialize(File.ReadAllText(summaryPath));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"note: {summaryPath} could not be read ({e.Message}), so the run's reports were left as they are.");
            return;
        }
        if (SummaryValueCheck.Problems(summary) is { Count: > 0 } damaged)
        {
            // The same values planner report refuses: a damaged run's reports are not redrawn from them.
            stderr.WriteLine($"note: {summaryPath} holds {(damaged.Count == 1 ? "a value" : $"{damaged.Count} values")} no run writes ({damaged[0]}{(damaged.Count > 1 ? ", …" : "")}), so the run's reports were left as they are.");
            return;
        }
        if (!OptimizationReportSet.Matches(document, summary.Scenario.Sha256, summary.Seed))
        {
            string other = summary.Seed != document.Seed ? $"seed {summary.Seed}" : $"another scenario file, or another version of it ({summary.Scenario.Path})";
            string again = $"`planner run {scenarioPath}{(summary.Seed != document.Seed ? $" --seed {document.Seed}" : "")}{(directory == Path.Combine("reports", document.Scenario.Name) ? "" : $" --out {directory}")}` to include this search.";
            // Reports that showed an earlier search of that run would now show its tables beside this
            // search's charts, which replaced that search's in charts/: they are drawn again without it.
            if (ShowsASearch(directory))
            {
                Reports.ReportSetResult redrawn = ReportSet.WriteReports(summary, directory, new ReportSetOptions { Waiting = note => stderr.WriteLine("note: " + note) });
                stderr.WriteLine($"note: {summaryPath} is a run of {other}: its reports showed an earlier search, whose optimization.json and charts this one replaced, so they were drawn again without it; {again}");
                ReportOutput.Print(redrawn, stdout, stderr);
                return;
            }
            stderr.WriteLine($"note: {summaryPath} is a run of {other}, so its reports were left as they are; {again}");
            return;
        }
        Reports.ReportSetResult rendered = ReportSet.WriteReports(summary with { Optimization = document }, directory, new ReportSetOptions { Waiting = note => stderr.WriteLine("note: " + note) });
        stdout.Write("Added the configuration search to the run's reports. ");
        ReportOutput.Print(rendered, stdout, stderr);
    }

    /// <summary>Whether the run's report.html in <paramref name="directory"/> has a Configuration search section.</summary>
    private static bool ShowsASearch(string directory)
    {
        try
        {
            string html = Path.Combine(directory, "report.html");
            return File.Exists(html) && File.ReadAllText(html).Contains(OptimizationSectionMarker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What report.html holds where it shows a configuration search.</summary>
    internal const string OptimizationSectionMarker = "id=\"optimization\"";

    /// <summary>Runs the search through <c>host</c>: with a runner (null: this machine), or null after saying why the cluster could not.</summary>
    private static OptimizationResult? Search(IAnsiConsole console, TextWriter stderr, ScenarioSpec spec, SearchSpace space, OptimizerSettings settings, PhaseClock clock,
        Func<Func<IOptimizationRunner?, OptimizationResult>, OptimizationResult?> host)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            using var lines = new PhaseLines(stderr);
            clock.Next = lines;
            OptimizationResult? found = host(runner => new Optimizer(runner: runner).Run(spec, space, settings, clock));
            lines.Finish();
            return found;
        }
        OptimizationResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask search = ctx.AddTask("searching load levels");
                ProgressTask verify = ctx.AddTask("verifying the path month by month", autoStart: false);
                clock.Next = new TaskProgress(search, verify);
                result = host(runner => new Optimizer(runner: runner).Run(spec, space, settings, clock));
                search.Value = search.MaxValue;
                verify.Value = verify.MaxValue;
            });
        return result;
    }

    private static IReadOnlyList<string>? Words(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<int> Ints(string name, string list, List<string> errors)
    {
        var values = new List<int>();
        foreach (string w in Words(list) ?? [])
        {
            if (int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            {
                values.Add(v);
            }
            else if (w.TrimStart('-', '+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
            {
                // A whole number, but past what any of these options takes (--gpus-per-replica 99999999999 read "not a whole number").
                errors.Add($"{name}: {w} is out of range (allowed: whole numbers within the option's own range, and none beyond 2,147,483,647)");
            }
            else
            {
                errors.Add($"{name}: '{w}' is not a whole number (give a comma-separated list, for example 1,2,4)");
            }
        }
        return values;
    }

    private static List<double> Doubles(string name, string list, List<string> errors)
    {
        var values = new List<double>();
        foreach (string w in Words(list) ?? [])
        {
            if (double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                values.Add(v);
            }
            else
            {
                errors.Add($"{name}: '{w}' is not a number (give a comma-separated list, for example 8,16,32)");
            }
        }
        return values;
    }

    /// <summary>Times the search and the verification (the first "verify" report ends the search) and passes progress on.</summary>
    private sealed class PhaseClock : IProgress<OptimizationProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _searchEndTicks = -1;

        public IProgress<OptimizationProgress>? Next { get; set; }

        public TimeSpan Total => _watch.Elapsed;

        public TimeSpan Search => _searchEndTicks < 0 ? _watch.Elapsed : TimeSpan.FromTicks(_searchEndTicks);

        public TimeSpan Verify => _watch.Elapsed - Search;

        public void Report(OptimizationProgress value)
        {
            if (value.Phase != "search")
            {
                Interlocked.CompareExchange(ref _searchEndTicks, _watch.Elapsed.Ticks, -1);
            }
            Next?.Report(value);
        }

        public void Stop() => _watch.Stop();
    }

    /// <summary>Progress lines on stderr for each phase, the search's closed when the verification starts.</summary>
    private sealed class PhaseLines(TextWriter stderr) : IProgress<OptimizationProgress>, IDisposable
    {
        private readonly ProgressLines _search = new(stderr, "searching load levels", "candidate evaluations");
        private readonly Lock _gate = new();
        private ProgressLines? _verify;

        public void Report(OptimizationProgress value)
        {
            if (value.Phase == "search")
            {
                _search.Report((value.Done, value.Total));
                return;
            }
            lock (_gate)
            {
                if (_verify is null)
                {
                    _search.Finish();
                    _verify = new ProgressLines(stderr, "verifying the path month by month", "simulations");
                }
            }
            _verify.Report((value.Done, value.Total));
        }

        public void Finish()
        {
            _search.Finish();
            _verify?.Finish();
        }

        public void Dispose()
        {
            _search.Dispose();
            _verify?.Dispose();
        }
    }

    /// <summary>Reports progress straight from worker threads (Spectre's tasks are thread-safe).</summary>
    private sealed class TaskProgress(ProgressTask search, ProgressTask verify) : IProgress<OptimizationProgress>
    {
        private int _firstVerifyTotal;

        public void Report(OptimizationProgress value)
        {
            ProgressTask task = value.Phase == "search" ? search : verify;
            if (!task.IsStarted)
            {
                search.Value = search.MaxValue;
                task.StartTask();
            }
            if (task == verify)
            {
                // Repairs add simulations: say so, so that a bar that falls back reads as more work.
                Interlocked.CompareExchange(ref _firstVerifyTotal, value.Total, 0);
                int added = value.Total - Volatile.Read(ref _firstVerifyTotal);
                if (added > 0)
                {
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"verifying the path month by month ({added:#,##0} added by repairs)");
                }
            }
            task.MaxValue = value.Total;
            task.Value = Math.Max(task.Value, value.Done);
        }
    }
}
