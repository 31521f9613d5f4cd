using System.Diagnostics;
using System.Text.Json;

namespace Planner.Cli.Tests.Fuzzing;

/// <summary>
/// The inputs issue 13 found crashing, hanging, running away or silently wrong, kept as
/// regression tests through the command line: each now ends at once with exit 2 and a located
/// message saying what is allowed, or (the merge keys) does what the file says.
/// </summary>
public sealed class IssueCorpusTests : IDisposable
{
    private readonly FuzzWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string Chat => _workspace.Bundled["chat-seed-stage.yaml"];

    private string Write(string name, string text)
    {
        string path = Path.Combine(_workspace.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>
    /// validate ends with exit 2, only located errors and no stack trace; the first error is returned.
    /// The time bound catches an input read whole or parsed without limit (a hang, not a slow
    /// machine): each case takes about 1 s alone, and 5.3 s was once seen beside the other test
    /// assemblies on 2 busy cores, so the bound is 30 s.
    /// </summary>
    private static string Refused(string path)
    {
        var clock = Stopwatch.StartNew();
        CliRun run = CliRun.Invoke("validate", path);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"validate took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(2, run.ExitCode);
        Assert.False(FuzzWorkspace.HasStackTrace(run.Stderr), run.Stderr);
        Assert.True(FuzzWorkspace.ErrorsAreLocated(run.Stderr), run.Stderr);
        return run.Stderr.Split('\n').First(l => l.Contains(": error: ", StringComparison.Ordinal));
    }

    // Lines of scenarios/chat-seed-stage.yaml, whose first line is the schema modeline.
    public static TheoryData<string, string, string, string> Edits => new()
    {
        { "growth-60", "monthly_rate: 0.15", "monthly_rate: 60", ":28:28: error: workload.volume.growth.monthly_rate: 60 is out of range (allowed: -1 < value <= 10)" },
        { "growth-500pct", "monthly_rate: 0.15", "monthly_rate: 5", ":27:5: error: workload.volume: traffic grows to 2.239e+9 requests/day by month 8" },
        { "start-9999", "start_month: 2027-01", "start_month: 9999-12", ":9:14: error: start_month: 9999-12 is out of range (allowed: 2000-01 to 2199-12)" },
        { "billion-a-day", "requests_per_day: 8000", "requests_per_day: 1e9", ":27:5: error: workload.volume: traffic grows to 1.15e+9 requests/day by month 2" },
        { "max-replicas", "max_replicas: 80", "max_replicas: 2147483647", ":57:21: error: options[1].autoscaler.max_replicas: 2147483647 is out of range (allowed: 1 to 1000)" },
        { "ftes-1e308", "ftes: 0.1,", "ftes: 1e308,", ":46:46: error: options[0].fixed_costs[0].ftes: 1e308 is out of range (allowed: 0 < value <= 10000)" },
        { "deep-flow", "seed: 42", "seed: 42\nextra: " + new string('[', 100_000) + new string(']', 100_000), ":12:71: error: lists and mappings are nested more than 64 deep here" },
        { "nul-trace", "input_tokens: {distribution: lognormal, median: 900, p95: 4000, min: 16, max: 16000}",
            "input_tokens: {distribution: empirical, trace: \"traces/a\\0b.csv\", column: context}",
            ":19:54: error: workload.classes[0].input_tokens.trace: the path holds the control character U+0000 at position 9" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_input_that_broke_a_run_is_refused_at_once_where_it_is_written(string name, string from, string to, string expected)
    {
        string path = Write(name + ".yaml", Replace(Chat, from, to));
        Assert.Contains(expected, Refused(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_twenty_megabyte_scenario_is_refused_for_its_size()
    {
        string path = Write("huge.yaml", Chat + "\n# " + new string('a', 20 * 1024 * 1024) + "\n");
        Assert.Equal($"{path}:1:1: error: scenario file {path} is larger than 1 MiB (allowed: at most 1 MiB)", Refused(path));
    }

    [Fact]
    public void A_performance_profile_nested_deep_is_refused_with_its_own_position()
    {
        Write("deep-profile.yaml", "profile: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n");
        string path = Write("uses-deep-profile.yaml", Replace(Chat, "engine: {weight_precision: int4}",
            "engine: {weight_precision: int4, performance_profile: deep-profile.yaml}"));
        Assert.Contains("performance profile 'deep-profile.yaml': deep-profile.yaml:1:", Refused(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_and_special_files_given_as_the_scenario_each_say_what_they_are()
    {
        Assert.Contains("is a directory, not a file", Refused(_workspace.Path), StringComparison.Ordinal);
        Assert.Contains("the file holds no YAML document", Refused("/dev/null"), StringComparison.Ordinal);
        Assert.Contains("scenario file /dev/zero is larger than 1 MiB", Refused("/dev/zero"), StringComparison.Ordinal);
        string binary = Path.Combine(_workspace.Path, "binary.yaml");
        File.WriteAllBytes(binary, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 256)).ToArray());
        Refused(binary);
    }

    [Fact]
    public void Nested_merge_keys_keep_the_slo_targets_and_the_autoscaler_settings()
    {
        string text = Replace(SmallScenario.Text, "slo:\n  ttft_p95_ms: 2000", "slo: {<<: &b {<<: &a {ttft_p95_ms: 1, tpot_p95_ms: 1}}}");
        text = Replace(text, "replicas: 1", "autoscaler: {<<: &d {<<: &c {min_replicas: 1, max_replicas: 2, target: 8}}}");
        string path = Write("merges.yaml", text);
        Assert.Equal(0, CliRun.Invoke("validate", path).ExitCode);

        string output = Path.Combine(_workspace.Path, "merges-out");
        CliRun run = CliRun.Invoke("run", path, "--out", output);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        JsonElement scenario = summary.RootElement.GetProperty("scenario");
        Assert.Equal(1, scenario.GetProperty("slo_ttft_p95_ms").GetDouble());
        Assert.Equal(1, scenario.GetProperty("slo_tpot_p95_ms").GetDouble());
        // With a 1 ms target nothing meets the SLO; dropped targets used to report 100%.
        Assert.All(summary.RootElement.GetProperty("options").EnumerateArray(), o => Assert.False(o.GetProperty("meets_slo_throughout").GetBoolean()));
    }
}
