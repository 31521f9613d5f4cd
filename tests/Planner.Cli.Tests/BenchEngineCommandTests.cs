namespace Planner.Cli.Tests;

/// <summary>
/// <c>planner bench-engine</c> refuses a rate, span or fleet it could not finish with (1e308× grew
/// memory by 1 GB every 5 s; 100,000 replicas ran past 120 s) before simulating anything.
/// </summary>
public sealed class BenchEngineCommandTests
{
    [Theory]
    [InlineData("--speedup", "1e308", "--speedup: 1E+308 is out of range (allowed: above 0 and up to 1,000")]
    [InlineData("--speedup", "1001", "--speedup: 1001 is out of range (allowed: above 0 and up to 1,000")]
    [InlineData("--speedup", "0", "--speedup: 0 is out of range")]
    [InlineData("--speedup", "NaN", "--speedup: NaN is out of range")]
    [InlineData("--minutes", "1e9", "--minutes: 1000000000 is out of range (allowed: above 0 and up to 60 simulated minutes")]
    [InlineData("--minutes", "-1", "--minutes: -1 is out of range")]
    [InlineData("--replicas", "100000", "--replicas: 100000 is out of range (allowed: 1 to 1,000")]
    [InlineData("--replicas", "0", "--replicas: 0 is out of range (allowed: 1 to 1,000")]
    public void OutOfRangeValuesAreRefusedUpFront(string option, string value, string expected)
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        var args = new Dictionary<string, string> { ["--minutes"] = "1", ["--speedup"] = "1", [option] = value };
        CliRun run = CliRun.Invoke(["bench-engine", "--scenario", scenario, .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + expected, run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void TheLargestValuesAreAccepted()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        // Each bound alone: 1,000 replicas, 1,000× the month-1 rate, and 60 minutes (the long run 600).
        CliRun run = CliRun.Invoke("bench-engine", "--scenario", scenario, "--replicas", "1000", "--speedup", "1000", "--minutes", "60");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("600 min", run.Stdout);
    }
}
