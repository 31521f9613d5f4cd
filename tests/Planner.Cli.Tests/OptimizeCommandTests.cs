using System.Text.Json;
using Planner.Reports.Optimization;

namespace Planner.Cli.Tests;

/// <summary><c>planner optimize</c> end to end on a small scenario and search space, and its bad-input errors.</summary>
public sealed class OptimizeCommandTests
{
    private static readonly string[] SmallSpace =
        ["--gpus", "l4,h100-sxm", "--gpus-per-replica", "1", "--max-seqs", "64", "--targets", "8,16", "--min-replicas", "1"];

    private static CliRun Optimize(string scenario, string output, params string[] extra) =>
        CliRun.Invoke([.. new[] { "optimize", scenario, "--out", output }, .. SmallSpace, .. extra]);

    [Fact]
    public void WritesTheResultsAndPrintsThePath()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");

        CliRun run = Optimize(scenario, output);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Cheapest configuration meeting the SLO at each load level", run.Stdout);
        Assert.Contains("Path through time", run.Stdout);
        Assert.Contains("Pareto frontier, month 1", run.Stdout);
        Assert.Contains("4 single-type configurations on", run.Stdout);
        Assert.Contains("optimization.json", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);

        OptimizationDocument d = OptimizationJsonWriter.Deserialize(File.ReadAllText(Path.Combine(output, "optimization.json")));
        Assert.Equal("small-e2e", d.Scenario.Name);
        Assert.Equal(3, d.Path.Count);
        Assert.All(d.Path, p => Assert.NotNull(p.Configuration));
        Assert.Equal(["l4", "h100-sxm"], d.Search.Gpus.Select(g => g.Gpu));
        Assert.Equal([1, 2, 3], d.Levels.SelectMany(l => l.Months).Order());
        Assert.Equal([1, 2, 3], d.Frontiers.Select(f => f.Month));
        Assert.All(d.Frontiers, f => Assert.Contains(f.Points, p => p.OnFrontier));

        string md = File.ReadAllText(Path.Combine(output, "optimization.md"));
        Assert.Contains("## Path through time", md);
        Assert.Contains("](charts/optimization-path.svg)", md);
        foreach (string chart in new[] { "optimization-path", "optimization-pareto-month-1", "optimization-pareto-month-2", "optimization-pareto-month-3" })
        {
            string svg = File.ReadAllText(Path.Combine(output, "charts", chart + ".svg"));
            Assert.StartsWith("<svg ", svg, StringComparison.Ordinal);
            Assert.Contains($"data-chart=\"{chart}\"", svg);
        }
        // Every path month carries its cold starts and weekday ramp, and the console and the report
        // give planner run's oscillation verdict on them in the same words.
        Assert.All(d.Path, p => Assert.True(p.Outcome!.ColdStarts is >= 0 && p.Outcome.RampScaleUps is >= 0, p.CalendarMonth));
        string oscillation = Assert.Single(run.Stdout.Split('\n'), l => l.Contains("oscillates", StringComparison.Ordinal)).Trim();
        Assert.Matches("^(No month's configuration oscillates|In [0-9]+ of the path's 3 months its configuration oscillates)", oscillation);
        Assert.Contains(oscillation, md, StringComparison.Ordinal);

        // Atomic writes leave no temporary files behind.
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp", SearchOption.AllDirectories));

        // The console's level table rounds as optimization.md does, from the figures the file stores.
        string[] console = run.Stdout.Split('\n');
        foreach (LevelSection l in d.Levels.Where(l => l.Best is not null))
        {
            string gpus = Planner.Reports.Formatting.Fmt.Number(l.BestOutcome!.MeanGpus ?? double.NaN, "0.0");
            string tpot = Planner.Reports.Formatting.Fmt.Ms(l.BestOutcome.TpotP95Ms ?? double.NaN);
            string ttft = Planner.Reports.Formatting.Fmt.Ms(l.BestOutcome.TtftP95Ms ?? double.NaN);
            Assert.Contains($"| {gpus} | {ttft} | {tpot} |", md, StringComparison.Ordinal);
            Assert.Contains(console, line => line.Contains(l.Best!.Label, StringComparison.Ordinal)
                && line.Contains($" {gpus} ", StringComparison.Ordinal) && line.Contains(ttft, StringComparison.Ordinal) && line.Contains(tpot, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheSameSeedWritesTheSameBytes()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b");
        Assert.Equal(0, Optimize(scenario, a, "--no-mixes").ExitCode);
        Assert.Equal(0, Optimize(scenario, b, "--no-mixes").ExitCode);
        string first = File.ReadAllText(Path.Combine(a, "optimization.json"));
        Assert.Equal(first, File.ReadAllText(Path.Combine(b, "optimization.json")));
        using JsonDocument json = JsonDocument.Parse(first);
        Assert.False(json.RootElement.GetProperty("search").GetProperty("mixes").GetBoolean());
    }

    [Theory]
    [InlineData("--gpus", "l4,h100", "did you mean")]
    [InlineData("--targets", "8,lots", "'lots' is not a number")]
    [InlineData("--gpus-per-replica", "1,x", "'x' is not a whole number")]
    [InlineData("--level-step", "1", "--level-step")]
    [InlineData("--switch-cost", "-5", "--switch-cost")]
    [InlineData("--frontier-months", "9", "outside the horizon")]
    [InlineData("--option", "api", "is an api option")]
    [InlineData("--provider", "awz", "did you mean: aws")]
    [InlineData("--precisions", "fp6", "unknown precision 'fp6'")]
    public void BadOptionsExitTwoWithAMessage(string option, string value, string expected)
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");

        CliRun run = CliRun.Invoke("optimize", scenario, "--out", output, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(output), "nothing may be written for bad input");
    }

    [Theory]
    [InlineData("--max-seqs 2000000000", "--max-seqs: 2000000000 is out of range (allowed: batch limits 1 to 65,536, as a scenario's max_concurrent_sequences)")]
    [InlineData("--max-seqs 64,0", "--max-seqs: 0 is out of range (allowed: batch limits 1 to 65,536")]
    [InlineData("--max-replicas 99999999", "--max-replicas: 99999999 is out of range (allowed: 1 to 1,000, as a scenario's max_replicas)")]
    [InlineData("--min-replicas 5000", "--min-replicas: 5000 is out of range (allowed: 0 to 1,000, as a scenario's min_replicas)")]
    [InlineData("--min-replicas 1,-1", "--min-replicas: -1 is out of range (allowed: 0 to 1,000")]
    [InlineData("--min-replicas 5 --max-replicas 3", "--max-replicas: 3 is below --min-replicas 5 (allowed: 5 to 1,000, at least every --min-replicas value)")]
    public void EachSearchBoundIsRefusedByItsOwnNameWithTheScenarioRange(string options, string expected)
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");

        CliRun run = CliRun.Invoke([.. new[] { "optimize", scenario, "--out", output }, .. options.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        string error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: " + expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "nothing may be written for bad input");
    }

    [Fact]
    public void AScenarioWithoutASelfHostedOptionHasNothingToOptimize()
    {
        using var dir = new TempDir();
        string text = SmallScenario.Text[..SmallScenario.Text.IndexOf("  - name: h100", StringComparison.Ordinal)] + """
              - name: api-batch
                kind: api
                catalog: openai-gpt-4-1-mini
                latency: {ttft_median_ms: 400, ttft_p95_ms: 1000, output_tokens_per_s: 80}
            """;
        string scenario = SmallScenario.WriteInto(dir, text);
        CliRun run = CliRun.Invoke("optimize", scenario, "--out", Path.Combine(dir.Path, "out"));
        Assert.True(run.ExitCode == 2 && run.Stderr.Contains("has no self-hosted option", StringComparison.Ordinal), $"exit {run.ExitCode}, stderr:\n{run.Stderr}");
    }

    [Fact]
    public void TheRunsReportsIncludeASearchOfTheSameScenarioFileAndSeed()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);
        string summaryBefore = File.ReadAllText(Path.Combine(output, "summary.json"));
        Assert.DoesNotContain("id=\"optimization\"", File.ReadAllText(Path.Combine(output, "report.html")));

        CliRun optimize = Optimize(scenario, output);

        Assert.True(optimize.ExitCode == 0, optimize.Stderr);
        Assert.Contains("Added the configuration search to the run's reports", optimize.Stdout);
        AssertHasSearchSection(output);
        // The run's data stays as the run wrote it; the search lives in optimization.json.
        Assert.Equal(summaryBefore, File.ReadAllText(Path.Combine(output, "summary.json")));
        using (JsonDocument summary = JsonDocument.Parse(summaryBefore))
        {
            Assert.Equal(64, summary.RootElement.GetProperty("scenario").GetProperty("sha256").GetString()!.Length);
            Assert.False(summary.RootElement.TryGetProperty("optimization", out _));
        }

        // A later run of the same file, and a re-render, keep the section.
        CliRun again = CliRun.Invoke("run", scenario, "--out", output);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("include the configuration search", again.Stdout);
        AssertHasSearchSection(output);
        Assert.Equal(0, CliRun.Invoke("report", output).ExitCode);
        AssertHasSearchSection(output);
    }

    [Fact]
    public void ASearchOfAnotherVersionOfTheScenarioOrAnotherSeedIsLeftOut()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, Optimize(scenario, output).ExitCode);

        File.AppendAllText(scenario, "\n# edited after the search\n");
        CliRun edited = CliRun.Invoke("run", scenario, "--out", output);

        Assert.Equal(0, edited.ExitCode);
        Assert.Contains("another scenario file, or another version of it", edited.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"optimization\"", File.ReadAllText(Path.Combine(output, "report.html")));

        // A search with another seed leaves the run's reports as they are.
        CliRun reseeded = Optimize(scenario, output, "--seed", "99");
        Assert.Equal(0, reseeded.ExitCode);
        Assert.Contains("is a run of seed 5", reseeded.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"optimization\"", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void ASearchOfAnotherSeedTakesAnEarlierSearchOutOfTheRunsReports()
    {
        // The run's reports showed the first search; the second, of another seed, replaces
        // optimization.json and the charts those reports link to, so they must not keep its tables.
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);
        Assert.Equal(0, Optimize(scenario, output).ExitCode);
        AssertHasSearchSection(output);

        CliRun reseeded = Optimize(scenario, output, "--seed", "99");

        Assert.True(reseeded.ExitCode == 0, reseeded.Stderr);
        Assert.Contains("is a run of seed 5: its reports showed an earlier search, whose optimization.json and charts this one replaced, so they were drawn again without it", reseeded.Stderr, StringComparison.Ordinal);
        Assert.Contains("--seed 99", reseeded.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"optimization\"", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
        Assert.DoesNotContain("## Configuration search", File.ReadAllText(Path.Combine(output, "report.md")), StringComparison.Ordinal);
        // The search itself is where it was written.
        using JsonDocument search = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "optimization.json")));
        Assert.Equal(99UL, search.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void ARunWhoseSummaryHoldsAValueNoRunWritesIsLeftAsItIs()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);
        string summaryPath = Path.Combine(output, "summary.json");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!;
        summary["options"]![0]!["monthly"]![1]!["cost_usd"] = -500;
        File.WriteAllText(summaryPath, summary.ToJsonString());
        string htmlBefore = File.ReadAllText(Path.Combine(output, "report.html"));

        CliRun optimize = Optimize(scenario, output);

        Assert.Equal(0, optimize.ExitCode);
        Assert.Contains("options[0].monthly[1].cost_usd is -500", optimize.Stderr, StringComparison.Ordinal);
        Assert.Contains("so the run's reports were left as they are", optimize.Stderr, StringComparison.Ordinal);
        Assert.Equal(htmlBefore, File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void ASearchBeforeAnyRunSaysHowToIncludeIt()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");

        CliRun optimize = Optimize(scenario, output);

        Assert.Equal(0, optimize.ExitCode);
        Assert.Contains($"No run in {output} yet", optimize.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "report.html")));
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);
        AssertHasSearchSection(output);
    }

    private static void AssertHasSearchSection(string output)
    {
        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("<section id=\"optimization\">", html);
        Assert.Contains("href=\"#optimization\"", html);
        Assert.Contains("data-chart=\"optimization-path\"", html);
        Assert.Contains("The cheapest path over 3 months runs", html);
        string md = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Configuration search", md);
        Assert.Contains("](charts/optimization-path.svg)", md);
        Assert.Contains("](charts/optimization-pareto-month-3.svg)", md);
    }
}
