using Planner.Cluster.Configuration;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cluster.Tests;

public sealed class ClusterFileReaderTests
{
    [Fact]
    public void Reads_a_complete_file()
    {
        ClusterFile? file = ClusterFileReader.Parse("clustering: redis\nredis: 127.0.0.1:6390\ncluster_id: c1\nservice_id: s1\n", "c.yaml", out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(new ClusterFile("c.yaml", "127.0.0.1:6390", "c1", "s1"), file);
    }

    [Fact]
    public void Reads_a_kubernetes_file_whose_membership_stays_in_redis()
    {
        ClusterFile? file = ClusterFileReader.Parse("clustering: kubernetes\nredis: planner-redis:6379\n", "k.yaml", out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.True(file!.OnKubernetes);
        Assert.Equal("planner-redis:6379", file.RedisEndpoint);
        Assert.False(ClusterFileReader.Parse("clustering: redis\nredis: r:1\n", "r.yaml", out _)!.OnKubernetes);
        ClusterFileReader.Parse("clustering: kubernetes\n", "m.yaml", out var missing);
        Assert.Contains(missing, d => d.Message == "missing 'redis'");
    }

    [Fact]
    public void Ids_default_to_planner()
    {
        ClusterFile? file = ClusterFileReader.Parse("clustering: redis\nredis: redis.internal:6379\n", "c.yaml", out _);
        Assert.Equal("planner", file!.ClusterId);
        Assert.Equal("planner", file.ServiceId);
    }

    [Fact]
    public void Collects_every_problem_with_its_line_and_column()
    {
        string text = "clustering: zookeeper\nredis: 127.0.0.1\ncluster_id: 'has space'\nport: 5\n";
        ClusterFile? file = ClusterFileReader.Parse(text, "bad.yaml", out var diagnostics);
        Assert.Null(file);
        string[] lines = diagnostics.Select(d => d.ToString()).ToArray();
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:1:13: error: unknown clustering 'zookeeper'", StringComparison.Ordinal) && l.Contains("allowed: redis (", StringComparison.Ordinal) && l.Contains(" or kubernetes (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:2:8: error: '127.0.0.1' is not a host:port", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:3:13: error: 'cluster_id' 'has space' is not a usable id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yaml:4:1: error: unknown key 'port'", StringComparison.Ordinal) && l.Contains("clustering, redis, cluster_id, service_id", StringComparison.Ordinal));
    }

    [Fact]
    public void Says_what_is_missing()
    {
        ClusterFileReader.Parse("cluster_id: x\n", "m.yaml", out var diagnostics);
        Assert.Contains(diagnostics, d => d.Message == "missing 'clustering'");
        Assert.Contains(diagnostics, d => d.Message == "missing 'redis'");
    }

    [Fact]
    public void Locates_broken_yaml()
    {
        ClusterFileReader.Parse("clustering: redis\nredis: [1,\n", "y.yaml", out var diagnostics);
        Diagnostic d = Assert.Single(diagnostics);
        Assert.StartsWith("y.yaml:", d.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_bad_input_for_the_cli()
    {
        var stderr = new StringWriter();
        int code = Planner.Cli.Program.Run(["run", Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml"), "--cluster", "/nonexistent/cluster.yaml", "--out", Path.GetTempPath()], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/cluster.yaml:1:1: error: cluster file not found", stderr.ToString(), StringComparison.Ordinal);
    }
}
