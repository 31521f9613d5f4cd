using System.Text.Json;
using Xunit;

namespace Planner.Cli.Tests;

/// <summary><c>planner run --samples</c> end to end on a small scenario with uncertain inputs.</summary>
public class MonteCarloCommandTests
{
    private const string Uncertainty = """

        finance: {discount_rate_per_year: 0.08}
        uncertainty:
          samples: 40
          inputs:
            - {path: workload.volume.growth.monthly_rate, distribution: triangular, min: 0.2, mode: 0.5, max: 0.8, label: growth}
            - {path: "options[h100].pricing.per_gpu_hour_usd", distribution: uniform, min: 2.0, max: 3.0, label: H100 price}
            - {path: "options[api].output_per_million_usd", distribution: uniform, min: 1.2, max: 2.0, label: API output price}
        """;

    [Fact]
    public void Samples_run_a_monte_carlo_and_a_tornado_and_are_deterministic()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        string outA = System.IO.Path.Combine(dir.Path, "a"), outB = System.IO.Path.Combine(dir.Path, "b");

        CliRun a = CliRun.Invoke("run", scenario, "--samples", "30", "--out", outA);
        CliRun b = CliRun.Invoke("run", scenario, "--samples", "30", "--out", outB);

        Assert.True(a.ExitCode == 0, a.Stderr + a.Stdout);
        Assert.Contains("Monte Carlo: 30 samples", a.Stdout);
        // The tornado compares the recommended option's best-alternative pair, the one cheaper per month at the horizon
        // against the other: here the API is cheaper every month, so it is the API's savings against h100 that move.
        Assert.Contains("Sensitivity of api vs h100", a.Stdout);
        Assert.Contains("H100 price", a.Stdout);
        using JsonDocument ja = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(outA, "summary.json")));
        using JsonDocument jb = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(outB, "summary.json")));
        JsonElement uncertainty = ja.RootElement.GetProperty("uncertainty");
        Assert.Equal(30, uncertainty.GetProperty("samples").GetInt32());
        Assert.Equal(uncertainty.GetRawText(), jb.RootElement.GetProperty("uncertainty").GetRawText());
        Assert.Equal(ja.RootElement.GetProperty("sensitivity").GetRawText(), jb.RootElement.GetProperty("sensitivity").GetRawText());
        Assert.Equal(3, ja.RootElement.GetProperty("sensitivity").GetProperty("bars").GetArrayLength());
    }

    [Fact]
    public void Samples_default_to_the_scenario_and_need_uncertain_inputs()
    {
        using var dir = new TempDir();
        string plain = SmallScenario.WriteInto(dir);
        CliRun refused = CliRun.Invoke("run", plain, "--samples", "10", "--out", System.IO.Path.Combine(dir.Path, "x"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("no uncertainty: section", refused.Stderr);
        Assert.False(Directory.Exists(System.IO.Path.Combine(dir.Path, "x")));

        using var dir2 = new TempDir();
        string uncertain = SmallScenario.WriteInto(dir2, SmallScenario.Text + Uncertainty);
        CliRun defaulted = CliRun.Invoke("run", uncertain, "--samples", "--out", System.IO.Path.Combine(dir2.Path, "y"));
        Assert.True(defaulted.ExitCode == 0, defaulted.Stderr + defaulted.Stdout);
        Assert.Contains("Monte Carlo: 40 samples", defaulted.Stdout);
    }

    [Fact]
    public void Check_surrogate_compares_samples_with_full_simulations()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        CliRun run = CliRun.Invoke("run", scenario, "--samples", "20", "--check-surrogate", "1", "--out", System.IO.Path.Combine(dir.Path, "c"));
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Surrogate against full simulation", run.Stdout);
    }

    [Fact]
    public void Exact_simulates_every_sample_in_full_and_reports_the_surrogate_error_on_each()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        string output = System.IO.Path.Combine(dir.Path, "e");
        CliRun run = CliRun.Invoke("run", scenario, "--samples", "4", "--exact", "--check-surrogate", "1", "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Monte Carlo: 4 samples simulated in full", run.Stdout);
        Assert.Contains("Surrogate against full simulation, every sample", run.Stdout);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(output, "summary.json")));
        JsonElement uncertainty = json.RootElement.GetProperty("uncertainty");
        Assert.True(uncertainty.GetProperty("fully_simulated").GetBoolean());
        JsonElement[] checks = [.. uncertainty.GetProperty("surrogate").GetProperty("checks").EnumerateArray()];
        int options = json.RootElement.GetProperty("options").GetArrayLength();
        Assert.Equal(4 * options, checks.Length);
        // The seed noise is measured on sample 0 only (--check-surrogate 1), and left out (null) elsewhere.
        Assert.All(checks, c => Assert.Equal(c.GetProperty("sample").GetInt32() == 0, c.GetProperty("seed_total_cost_error").ValueKind == JsonValueKind.Number));
        Assert.Contains("every one of the 4 samples was simulated in full", File.ReadAllText(System.IO.Path.Combine(output, "report.md")));
    }

    [Fact]
    public void Exact_needs_a_sample_count_and_no_more_reseeded_samples_than_samples()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        CliRun bare = CliRun.Invoke("run", scenario, "--exact", "--out", System.IO.Path.Combine(dir.Path, "x"));
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("--exact needs --samples N", bare.Stderr);
        CliRun tooMany = CliRun.Invoke("run", scenario, "--samples", "2", "--exact", "--check-surrogate", "3", "--out", System.IO.Path.Combine(dir.Path, "y"));
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("allowed: 0 to 2", tooMany.Stderr);
        Assert.False(Directory.Exists(System.IO.Path.Combine(dir.Path, "x")) || Directory.Exists(System.IO.Path.Combine(dir.Path, "y")));
    }
}
