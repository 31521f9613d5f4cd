namespace Planner.Cli.Tests;

/// <summary>Bad input to <c>planner bench-cluster</c> is refused before anything connects (the measurement itself is in Planner.Cluster.Tests).</summary>
public sealed class BenchClusterCommandTests
{
    [Fact]
    public void Runs_out_of_range_and_a_bad_cluster_file_are_each_said_with_what_is_allowed()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string cluster = dir.Write("cluster.yaml", "clustering: swarm\nredis: 127.0.0.1:6379\n");

        CliRun runs = CliRun.Invoke("bench-cluster", "--cluster", cluster, scenario, "--runs", "0");
        CliRun file = CliRun.Invoke("bench-cluster", "--cluster", cluster, scenario);
        CliRun missing = CliRun.Invoke("bench-cluster", scenario);

        Assert.Equal(2, runs.ExitCode);
        Assert.Contains("error: --runs 0 is out of range (allowed: 1 to 20)", runs.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("cluster.yaml:1:13: error: unknown clustering 'swarm'", file.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--cluster", missing.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", runs.Stderr + file.Stderr + missing.Stderr, StringComparison.Ordinal);
    }
}
