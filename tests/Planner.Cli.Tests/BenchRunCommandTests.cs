namespace Planner.Cli.Tests;

/// <summary><c>planner bench-run</c> reads the scenario itself: its mistakes are bad input (exit 2), not a run that failed (exit 1).</summary>
public sealed class BenchRunCommandTests
{
    [Fact]
    public void A_scenario_with_errors_is_bad_input_with_its_located_message()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text.Replace("horizon_months: 3", "horizon_months: 99", StringComparison.Ordinal));

        CliRun run = CliRun.Invoke("bench-run", scenario, "--runs", "1", "--scales", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{scenario}:4:17: error: horizon_months: 99 is out of range (allowed: 1 to 60)", run.Stderr);
        Assert.DoesNotContain("exited with", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_missing_scenario_is_bad_input()
    {
        using var dir = new TempDir();
        string missing = Path.Combine(dir.Path, "missing.yaml");
        CliRun run = CliRun.Invoke("bench-run", missing, "--runs", "1", "--scales", "");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"scenario file not found: {missing}", run.Stderr);
    }
}
