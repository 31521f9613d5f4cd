using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Planner.Reports.Json;
using Xunit.Abstractions;

namespace Planner.Cli.Tests.Fuzzing;

/// <summary>
/// The project's own mutation fuzzer (issue 13). <c>validate</c> of every mutant of the bundled
/// scenarios answers with exit 0, or exit 2 and only located <c>file:line:col: error:</c> lines,
/// with no stack trace and within <see cref="ValidateBound"/>; <c>run</c> of mutants that validated
/// completes and leaves complete files and no temporary ones. CI tries <see cref="CiMutants"/>
/// mutants and <see cref="CiRuns"/> runs; PLANNER_FUZZ_MUTANTS, PLANNER_FUZZ_RUNS and
/// PLANNER_FUZZ_SEED ask for a longer or another search.
/// </summary>
public sealed partial class MutationFuzzTests(ITestOutputHelper output)
{
    public const int CiMutants = 300;
    public const int CiRuns = 10;
    public const int CiSeed = 13;

    /// <summary>
    /// A validate takes milliseconds; a pathological input (a blow-up in the reader) takes far longer.
    /// The bound leaves room for a two-core machine busy with other tests besides: at 5 s, one mutant
    /// that validates in 0.36 s as a process on a quiet machine was once reported slow while other
    /// test runs shared the cores.
    /// </summary>
    private static readonly TimeSpan ValidateBound = TimeSpan.FromSeconds(15);

    /// <summary>A mutant still validating after this is a hang.</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    /// <summary>A run of a two-month scenario takes seconds (the PDF print included).</summary>
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(120);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value : fallback;

    [Fact]
    public async Task Validate_answers_every_mutant_with_success_or_located_errors_in_time()
    {
        int mutants = Setting("PLANNER_FUZZ_MUTANTS", CiMutants);
        int seed = Setting("PLANNER_FUZZ_SEED", CiSeed);
        using var workspace = new FuzzWorkspace();
        var mutator = new ScenarioMutator(seed);
        string[] bases = workspace.Bundled.Keys.ToArray();
        var outcomes = new List<(string Operator, string Outcome)>();
        var failures = new List<string>();
        TimeSpan slowest = TimeSpan.Zero;
        for (int i = 0; i < mutants; i++)
        {
            string baseName = bases[i % bases.Length];
            Mutant mutant = mutator.Mutate(baseName, workspace.Bundled[baseName]);
            string file = Path.Combine(workspace.Path, $"mutant-{i}.yaml");
            await File.WriteAllBytesAsync(file, mutant.Bytes);
            (CliRun? run, TimeSpan elapsed, Exception? thrown) = await FuzzWorkspace.ValidateAsync(file, HangBound);
            slowest = elapsed > slowest ? elapsed : slowest;
            string outcome = Classify(run, elapsed, thrown);
            outcomes.Add((mutant.Operator, outcome));
            if (outcome is not ("valid" or "located errors"))
            {
                failures.Add($"{outcome}: {baseName}, {mutant.Operator}: {mutant.Description}; kept as {Keep(seed, i, mutant)}\n"
                    + (thrown?.ToString() ?? run?.Stderr ?? "(no answer)"));
            }
            File.Delete(file);
        }
        Report($"validate: {mutants} mutants of {bases.Length} bundled scenarios, seed {seed}, slowest {slowest.TotalSeconds:0.00} s", outcomes);
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutants} mutants failed:\n" + string.Join("\n\n", failures.Take(10)));
        // The search must reach both sides: mutants that still load, and every operator.
        Assert.Contains(outcomes, o => o.Outcome == "valid");
        Assert.Contains(outcomes, o => o.Outcome == "located errors");
        Assert.Equal(ScenarioMutator.Operators.Count, outcomes.Select(o => o.Operator).Distinct().Count());
    }

    [Fact]
    public async Task Run_completes_on_mutants_that_validated_and_leaves_only_complete_files()
    {
        int runs = Setting("PLANNER_FUZZ_RUNS", CiRuns);
        int seed = Setting("PLANNER_FUZZ_SEED", CiSeed);
        using var workspace = new FuzzWorkspace();
        // Two months of the bundled scenarios that allow it, and the small test scenario: cheap
        // enough for CI. document-extraction's price events lie beyond two months.
        var bases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in (string[])["chat-seed-stage.yaml", "voice-agent.yaml", "azure-conversation-replay.yaml", "legal-summarisation.yaml"])
        {
            bases["short-" + name] = HorizonLine().Replace(workspace.Bundled[name], "horizon_months: 2", 1);
        }
        bases["short-small.yaml"] = SmallScenario.Text;
        foreach ((string name, string text) in bases)
        {
            await File.WriteAllTextAsync(Path.Combine(workspace.Path, name), text);
        }
        var mutator = new ScenarioMutator(seed);
        string[] names = bases.Keys.Order(StringComparer.Ordinal).ToArray();
        var outcomes = new List<(string Operator, string Outcome)>();
        var failures = new List<string>();
        int tried = 0;
        for (int attempt = 0; outcomes.Count < runs && attempt < 200 * Math.Max(1, runs); attempt++)
        {
            string baseName = names[attempt % names.Length];
            Mutant mutant = mutator.Mutate(baseName, bases[baseName]);
            string file = Path.Combine(workspace.Path, $"run-mutant-{attempt}.yaml");
            await File.WriteAllBytesAsync(file, mutant.Bytes);
            tried++;
            (CliRun? validated, _, _) = await FuzzWorkspace.ValidateAsync(file, HangBound);
            if (validated?.ExitCode != 0 || Encoding.UTF8.GetString(mutant.Bytes) == bases[baseName])
            {
                File.Delete(file);
                continue;
            }
            string folder = Path.Combine(workspace.Path, $"out-{attempt}");
            (int exit, string text, bool finished, TimeSpan elapsed) = FuzzWorkspace.Run(file, folder, RunBound);
            string outcome = !finished ? "runaway" : exit != 0 ? $"exit {exit}" : FuzzWorkspace.HasStackTrace(text) ? "stack trace" : Incomplete(folder) ?? "completed";
            outcomes.Add((mutant.Operator, outcome));
            if (outcome != "completed")
            {
                failures.Add($"{outcome} after {elapsed.TotalSeconds:0.0} s: {baseName}, {mutant.Operator}: {mutant.Description}; kept as {Keep(seed, 100_000 + attempt, mutant)}\n{text}");
            }
            Directory.Delete(folder, recursive: true);
            File.Delete(file);
        }
        Report($"run: {outcomes.Count} of {tried} mutants validated and were run (two-month scenarios), seed {seed}", outcomes);
        Assert.Equal(runs, outcomes.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} runs failed:\n" + string.Join("\n\n", failures.Take(5)));
    }

    private static string Classify(CliRun? run, TimeSpan elapsed, Exception? thrown)
    {
        if (thrown is not null)
        {
            return "exception";
        }
        if (run is null)
        {
            return "hang";
        }
        if (FuzzWorkspace.HasStackTrace(run.Stdout + run.Stderr))
        {
            return "stack trace";
        }
        if (run.ExitCode is not (0 or 2))
        {
            return $"exit {run.ExitCode}";
        }
        if (run.ExitCode == 2 && !FuzzWorkspace.ErrorsAreLocated(run.Stderr))
        {
            return "unlocated error";
        }
        if (elapsed > ValidateBound)
        {
            return "slow";
        }
        return run.ExitCode == 0 ? "valid" : "located errors";
    }

    /// <summary>Null when the run folder holds a complete set of reports and nothing temporary; else what is wrong.</summary>
    private static string? Incomplete(string folder)
    {
        if (Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories) is { Length: > 0 } temporary)
        {
            return "temporary file left: " + Path.GetFileName(temporary[0]);
        }
        foreach (string name in (string[])["summary.json", "monthly.csv", "report.md", "report.html"])
        {
            if (!File.Exists(Path.Combine(folder, name)) || new FileInfo(Path.Combine(folder, name)).Length == 0)
            {
                return name + " missing or empty";
            }
        }
        try
        {
            SummaryJsonWriter.Deserialize(File.ReadAllText(Path.Combine(folder, "summary.json")));
        }
        catch (System.Text.Json.JsonException e)
        {
            return "summary.json unreadable: " + e.Message;
        }
        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        foreach (Match chart in ChartLink().Matches(markdown))
        {
            if (!File.Exists(Path.Combine(folder, chart.Groups["path"].Value)))
            {
                return "report.md shows a missing chart: " + chart.Groups["path"].Value;
            }
        }
        string pdf = Path.Combine(folder, "report.pdf");
        if (File.Exists(pdf) && !File.ReadAllBytes(pdf).AsSpan().StartsWith("%PDF-"u8))
        {
            return "report.pdf is not a PDF";
        }
        return null;
    }

    /// <summary>Saves a failing mutant outside the workspace (which is deleted), to reproduce it.</summary>
    private static string Keep(int seed, int index, Mutant mutant)
    {
        string folder = Path.Combine(Path.GetTempPath(), "planner-fuzz-failures");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"seed{seed}-{index}-{mutant.Base}");
        File.WriteAllBytes(path, mutant.Bytes);
        return path;
    }

    /// <summary>Counts by operator and outcome, in the test's output (and in PLANNER_FUZZ_REPORT, when set).</summary>
    private void Report(string title, List<(string Operator, string Outcome)> outcomes)
    {
        var text = new StringBuilder(title).Append('\n');
        foreach (IGrouping<string, (string Operator, string Outcome)> outcome in outcomes.GroupBy(o => o.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {outcome.Key}: {outcome.Count()} (")
                .AppendJoin(", ", outcome.GroupBy(o => o.Operator).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))
                .Append(")\n");
        }
        output.WriteLine(text.ToString());
        if (Environment.GetEnvironmentVariable("PLANNER_FUZZ_REPORT") is { Length: > 0 } report)
        {
            File.AppendAllText(report, text.ToString());
        }
    }

    [GeneratedRegex(@"^horizon_months: *\d+", RegexOptions.Multiline)]
    private static partial Regex HorizonLine();

    [GeneratedRegex(@"\]\((?<path>charts/[^)]+\.svg)\)")]
    private static partial Regex ChartLink();
}
