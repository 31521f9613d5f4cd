using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Planner.Cluster.Tests;

/// <summary>
/// End to end: a Redis server on a free loopback port, two `planner worker` processes, and
/// `planner run --cluster` on a two-month version of chat-seed-stage, whose summary.json and
/// monthly.csv must be the bytes a local run writes; and the same when a worker is killed mid-run.
/// </summary>
public sealed class ClusterRunTests : IDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dir = Directory.CreateTempSubdirectory("planner-cluster-").FullName;
    private readonly List<Process> _started = [];

    [RedisFact]
    public void A_run_on_two_workers_writes_the_bytes_of_a_local_run() =>
        RunLocallyAndOnTwoWorkers(WriteScenario(months: 2), windows: 8);

    [RedisFact]
    public void A_noise_follow_up_on_two_workers_writes_the_bytes_of_a_local_run()
    {
        // Cut to 8 months, the A10G fleet's cost moves in three of its five scheduled noise-check
        // months (1, 3, 5, 6 and 8): month 7 is simulated again for it after the run, and the
        // workers simulate that second pass too: 8 months of a weekday and a weekend day, 5 of them
        // twice, then month 7's two days again.
        RunLocallyAndOnTwoWorkers(WriteScenario(months: 8), windows: 28, local =>
        {
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(local, "summary.json")));
            JsonElement a10g = summary.RootElement.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "llama-8b-a10g");
            Assert.Equal([1, 3, 5, 6, 7, 8], a10g.GetProperty("noise").GetProperty("checked_months").EnumerateArray().Select(m => m.GetInt32()));
        });
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> here (while two workers start), checks it with
    /// <paramref name="checkLocal"/>, then on the workers: <paramref name="windows"/> windows, and
    /// summary.json and monthly.csv the local run's bytes.
    /// </summary>
    private void RunLocallyAndOnTwoWorkers(string scenario, int windows, Action<string>? checkLocal = null)
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string cluster = StartRedis();

        StringBuilder first = StartWorker(cluster);
        StringBuilder second = StartWorker(cluster);
        // The local run overlaps the workers' start-up.
        string local = Path.Combine(_dir, "local");
        (int localCode, string localErr) = RunPlanner($"run \"{scenario}\" --out \"{local}\"");
        Assert.True(localCode == 0, localErr);
        checkLocal?.Invoke(local);
        WaitFor(first, "joined cluster");
        WaitFor(second, "joined cluster");

        (int code, string err) = RunPlanner($"run \"{scenario}\" --out \"{Path.Combine(_dir, "cluster")}\" --cluster \"{cluster}\"");

        Assert.True(code == 0, err);
        Assert.Contains($"cluster: {windows} windows on ", err, StringComparison.Ordinal);
        foreach (string file in new[] { "summary.json", "monthly.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, file)), File.ReadAllBytes(Path.Combine(_dir, "cluster", file)));
        }
    }

    [RedisFact]
    public void An_exact_monte_carlo_on_two_workers_writes_the_bytes_of_a_local_one()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 2);
        string cluster = StartRedis();
        StringBuilder first = StartWorker(cluster);
        StringBuilder second = StartWorker(cluster);
        const string exact = "--samples 3 --exact --check-surrogate 1";
        (int localCode, string localErr) = RunPlanner($"run \"{scenario}\" {exact} --out \"{Path.Combine(_dir, "local")}\"");
        Assert.True(localCode == 0, localErr);
        WaitFor(first, "joined cluster");
        WaitFor(second, "joined cluster");

        (int code, string err) = RunPlanner($"run \"{scenario}\" {exact} --out \"{Path.Combine(_dir, "cluster")}\" --cluster \"{cluster}\"");

        Assert.True(code == 0, err);
        // Three samples and sample 0 again with another seed, 8 windows each.
        Assert.Contains("cluster: simulating 4 samples in full on 2 worker(s)", err, StringComparison.Ordinal);
        Assert.Contains("cluster: 32 windows on ", err, StringComparison.Ordinal);
        Assert.Contains("\"fully_simulated\": true", File.ReadAllText(Path.Combine(_dir, "cluster", "summary.json")), StringComparison.Ordinal);
        foreach (string file in new[] { "summary.json", "monthly.csv", "report.md" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "local", file)), File.ReadAllBytes(Path.Combine(_dir, "cluster", file)));
        }
    }

    /// <summary>Two GPU types, one size, one batch limit, two targets: 2 candidates × 2 levels, and their mixes.</summary>
    private const string SmallSpace = "--gpus l4,h100-sxm --gpus-per-replica 1 --max-seqs 64 --targets 8,16 --min-replicas 1";

    [RedisFact]
    public void An_exhaustive_search_on_two_workers_writes_the_bytes_of_a_local_one()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 2);
        string cluster = StartRedis();
        StringBuilder first = StartWorker(cluster);
        StringBuilder second = StartWorker(cluster);
        (int localCode, string localErr) = RunPlanner($"optimize \"{scenario}\" --exhaustive {SmallSpace} --out \"{Path.Combine(_dir, "local")}\"");
        Assert.True(localCode == 0, localErr);
        WaitFor(first, "joined cluster");
        WaitFor(second, "joined cluster");

        (int code, string err) = RunPlanner($"optimize \"{scenario}\" --exhaustive {SmallSpace} --out \"{Path.Combine(_dir, "cluster")}\" --cluster \"{cluster}\"");

        Assert.True(code == 0, err);
        // Every window simulation of the search went to the workers, both of them (a slow call may be doubled: the answers are the same).
        string simulations = Regex.Match(localErr, @"([0-9,]+) window simulations").Groups[1].Value;
        Assert.NotEmpty(simulations);
        Assert.Matches($@"cluster: {simulations} windows on 2 worker\(s\) \(\S+ [1-9][0-9]*, \S+ [1-9][0-9]*\), [0-9]+ retried", err);
        string[] files = ["optimization.json", "optimization.md", .. Directory.GetFiles(Path.Combine(_dir, "local", "charts")).Select(f => Path.Combine("charts", Path.GetFileName(f)))];
        Assert.True(files.Length > 2);
        foreach (string file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "local", file)), File.ReadAllBytes(Path.Combine(_dir, "cluster", file)));
        }
    }

    [RedisFact]
    public void A_worker_killed_mid_search_leaves_the_bytes_unchanged()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 6);
        string cluster = StartRedis();
        StringBuilder first = StartWorker(cluster);
        Process doomed = Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --cores 1", out StringBuilder second);
        (int localCode, string localErr) = RunPlanner($"optimize \"{scenario}\" --exhaustive {SmallSpace} --out \"{Path.Combine(_dir, "local")}\"");
        Assert.True(localCode == 0, localErr);
        WaitFor(first, "joined cluster");
        WaitFor(second, "joined cluster");

        Process client = Start(RepoPaths.Planner, $"optimize \"{scenario}\" --exhaustive {SmallSpace} --out \"{Path.Combine(_dir, "cluster")}\" --cluster \"{cluster}\"", out StringBuilder output);
        WaitFor(output, "cluster: sending ");
        Assert.False(client.HasExited, "the search ended before a worker could be killed:\n" + Snapshot(output));
        doomed.Kill();
        Assert.True(client.WaitForExit(RunTimeout), $"the search did not finish within {RunTimeout.TotalSeconds} s of a worker's death:\n{Snapshot(output)}");
        client.WaitForExit();

        string err = Snapshot(output);
        Assert.True(client.ExitCode == 0, err);
        Assert.Matches(@"cluster: [0-9,]+ windows on .*, [1-9][0-9]* retried", err);
        foreach (string file in new[] { "optimization.json", "optimization.md" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "local", file)), File.ReadAllBytes(Path.Combine(_dir, "cluster", file)));
        }
    }

    [Fact]
    public void A_pruned_search_on_a_cluster_is_bad_input()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 1);
        string output = Path.Combine(_dir, "pruned");

        (int code, string err) = RunPlanner($"optimize \"{scenario}\" {SmallSpace} --out \"{output}\" --cluster \"{Path.Combine(_dir, "no-such-cluster.yaml")}\"");

        Assert.True(code == 2, $"exit code {code}:\n{err}");
        Assert.Contains("error: --cluster: needs --exhaustive.", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [RedisFact]
    public void A_portfolio_on_two_workers_writes_the_bytes_of_a_local_portfolio()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        // chat-seed-stage's name is chat-seed-stage; the other is cut shorter and reseeded.
        string first = WriteScenario(months: 2, name: "chat-seed-stage");
        string second = WriteScenario(months: 1, name: "chat-other", seed: 7);
        string cluster = StartRedis();
        StringBuilder one = StartWorker(cluster);
        StringBuilder two = StartWorker(cluster);
        string local = Path.Combine(_dir, "local"), onCluster = Path.Combine(_dir, "cluster");
        (int localCode, string localErr) = RunPlanner($"run \"{first}\" \"{second}\" --out \"{local}\"");
        Assert.True(localCode == 0, localErr);
        WaitFor(one, "joined cluster");
        WaitFor(two, "joined cluster");

        (int code, string err) = RunPlanner($"run \"{first}\" \"{second}\" --out \"{onCluster}\" --cluster \"{cluster}\"");

        Assert.True(code == 0, err);
        Assert.Contains("cluster: planning 2 scenarios together on 2 worker(s)", err, StringComparison.Ordinal);
        // 8 windows of the two-month scenario and 4 of the one-month one, on one connection.
        Assert.Contains("cluster: 12 windows on ", err, StringComparison.Ordinal);
        foreach (string scenario in new[] { "chat-seed-stage", "chat-other" })
        {
            AssertSameFiles(Path.Combine(local, scenario), Path.Combine(onCluster, scenario));
        }
    }

    [RedisFact]
    public void The_cluster_benchmark_measures_both_paths_and_finds_the_same_answers()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 1);
        string cluster = StartRedis();
        WaitFor(StartWorker(cluster), "joined cluster");

        (int code, string output) = RunPlanner($"bench-cluster --cluster \"{cluster}\" \"{scenario}\" --runs 2");

        Assert.True(code == 0, output);
        Assert.Contains("4 windows × 4 options; cluster 'test-", output, StringComparison.Ordinal);
        Assert.Contains("1 worker(s), 1 slot(s) in all, connected in ", output, StringComparison.Ordinal);
        Assert.Matches(@"│ local, [0-9]+ cores, warm \(1 pass\) +│ +[0-9.]+ │ +[0-9.]+ s │ +[0-9.]+ core-s │ +[0-9.]+ s × [0-9]+ │ +[-+]?[0-9.]+ s │", output);
        // An overhead that rounds to zero prints unsigned, as on the local row.
        Assert.Matches(@"│ cluster, warm \(1 pass\) +│ +[0-9.]+ │ +[0-9.]+ s │ +[0-9.]+ worker-s │ +[0-9.]+ s × 1 │ +[-+]?[0-9.]+ s │", output);
        Assert.Matches(@"each answer [0-9,]+ KiB as Orleans serialises it", output);
        Assert.Contains("Answers identical to the local ones: 4 of 4 windows, byte for byte.", output, StringComparison.Ordinal);
    }

    [RedisFact]
    public void One_of_three_workers_killed_mid_run_leaves_the_bytes_unchanged()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 6);
        string cluster = StartRedis();
        // Three silos, as a small team's cluster would have; one of them dies mid-run.
        StringBuilder first = StartWorker(cluster);
        StringBuilder third = StartWorker(cluster);
        Process doomed = Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --cores 1", out StringBuilder second);
        (int localCode, string localErr) = RunPlanner($"run \"{scenario}\" --out \"{Path.Combine(_dir, "local")}\"");
        Assert.True(localCode == 0, localErr);
        WaitFor(first, "joined cluster");
        WaitFor(second, "joined cluster");
        WaitFor(third, "joined cluster");

        Process client = Start(RepoPaths.Planner, $"run \"{scenario}\" --out \"{Path.Combine(_dir, "cluster")}\" --cluster \"{cluster}\"", out StringBuilder output);
        WaitFor(output, "windows (");
        Assert.False(client.HasExited, "the run ended before a worker could be killed:\n" + Snapshot(output));
        doomed.Kill();
        Assert.True(client.WaitForExit(RunTimeout), $"the run did not finish within {RunTimeout.TotalSeconds} s of a worker's death:\n{Snapshot(output)}");
        client.WaitForExit();

        string err = Snapshot(output);
        Assert.True(client.ExitCode == 0, err);
        Assert.Matches(@"cluster: 22 windows on .*, [1-9][0-9]* retried", err);
        foreach (string file in new[] { "summary.json", "monthly.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "local", file)), File.ReadAllBytes(Path.Combine(_dir, "cluster", file)));
        }
    }

    [RedisFact]
    public void A_worker_of_another_version_refuses_and_the_run_writes_nothing()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 1);
        string cluster = StartRedis();
        Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --cores 1", out StringBuilder worker,
            new Dictionary<string, string?> { [Versioning.ClusterVersion.WorkerOverrideVariable] = "9.9.9" });
        WaitFor(worker, "joined cluster");
        string output = Path.Combine(_dir, "refused");

        (int code, string err) = RunPlanner($"run \"{scenario}\" --out \"{output}\" --cluster \"{cluster}\"");

        Assert.True(code == 1, $"exit code {code}:\n{err}");
        Assert.Matches($@"error: --cluster: worker \S+ at 9\.9\.9 refuses work from a client at {Regex.Escape(Versioning.ClusterVersion.Current)}: run the same Planner version on every machine", err);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(f => !Path.GetFileName(f).StartsWith('.')),
            "the refused run wrote into its output folder: " + string.Join(", ", Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []));
    }

    [Fact]
    public void A_client_that_cannot_reach_redis_says_why_in_one_line_and_writes_nothing()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string scenario = WriteScenario(months: 1);
        // A loopback port nothing listens on: Redis is not running there.
        string cluster = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(cluster, $"clustering: redis\nredis: 127.0.0.1:{FreePort()}\ncluster_id: nobody\n");
        string output = Path.Combine(_dir, "unreached");

        (int code, string err) = RunPlanner($"run \"{scenario}\" --out \"{output}\" --cluster \"{cluster}\"");

        Assert.True(code == 1, $"exit code {code}:\n{err}");
        Assert.Contains("error: --cluster: cannot connect to cluster 'nobody' through Redis at 127.0.0.1:", err, StringComparison.Ordinal);
        Assert.Contains("(is Redis running, and is at least one `planner worker --cluster", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(f => !Path.GetFileName(f).StartsWith('.')),
            "the failed run wrote into its output folder");
    }

    [Fact]
    public void A_kubernetes_worker_outside_a_pod_is_refused_with_what_is_allowed()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string cluster = Path.Combine(_dir, "kubernetes.yaml");
        File.WriteAllText(cluster, $"clustering: kubernetes\nredis: 127.0.0.1:{FreePort()}\ncluster_id: nowhere\n");

        Process worker = Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --address 10.0.0.1", out StringBuilder output,
            new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = null });

        Assert.True(worker.WaitForExit(JoinTimeout), "the worker did not stop:\n" + Snapshot(output));
        worker.WaitForExit();
        string err = Snapshot(output);
        Assert.True(worker.ExitCode == 2, $"exit code {worker.ExitCode}:\n{err}");
        Assert.Contains("error: --address 10.0.0.1: with clustering: kubernetes", err, StringComparison.Ordinal);
        Assert.Contains("clustering: kubernetes runs workers inside Kubernetes pods, and KUBERNETES_SERVICE_HOST is not set here", err, StringComparison.Ordinal);
        Assert.Contains("(allowed: a pod of src/Planner.Cluster/Deploy/kubernetes.yaml; or a cluster file with clustering: redis", err, StringComparison.Ordinal);
    }

    [RedisFact]
    public void A_kubernetes_worker_starts_orleans_kubernetes_hosting_and_says_in_one_line_why_it_cannot_join()
    {
        Assert.True(File.Exists(RepoPaths.Planner), $"{RepoPaths.Planner} not built");
        string cluster = StartRedis();
        File.WriteAllText(cluster, File.ReadAllText(cluster).Replace("clustering: redis", "clustering: kubernetes", StringComparison.Ordinal));

        // A pod's environment without a Kubernetes API server behind it (nothing listens on port 1): with
        // clustering: redis and Redis up this worker would join; Kubernetes hosting stops it at start.
        Process worker = Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --cores 1", out StringBuilder output, new Dictionary<string, string?>
        {
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "1",
            ["POD_NAME"] = "planner-worker-test",
            ["POD_NAMESPACE"] = "default",
            ["POD_IP"] = "127.0.0.1",
        });

        Assert.True(worker.WaitForExit(RunTimeout), "the worker did not stop:\n" + Snapshot(output));
        worker.WaitForExit();
        string err = Snapshot(output);
        Assert.True(worker.ExitCode == 1, $"exit code {worker.ExitCode}:\n{err}");
        Assert.Contains("error: worker could not join cluster 'test-", err, StringComparison.Ordinal);
        Assert.DoesNotContain("joined cluster", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (Process p in _started)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            p.Dispose();
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing a file; the temp folder is cleaned by the system.
        }
    }

    /// <summary>chat-seed-stage cut to <paramref name="months"/>, under another name and seed when given, with the catalog beside it.</summary>
    private string WriteScenario(int months, string name = "chat-small", int? seed = null)
    {
        string catalog = Path.Combine(_dir, "catalog");
        if (!Directory.Exists(catalog))
        {
            Directory.CreateDirectory(catalog);
            foreach (string f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios", "catalog"), "*.yaml"))
            {
                File.Copy(f, Path.Combine(catalog, Path.GetFileName(f)));
            }
        }
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml"));
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllLines(path, lines.Select(l =>
            l.StartsWith("horizon_months:", StringComparison.Ordinal) ? $"horizon_months: {months}"
            : l.StartsWith("name:", StringComparison.Ordinal) && name != "chat-small" ? $"name: {name}"
            : l.StartsWith("seed:", StringComparison.Ordinal) && seed is int s ? $"seed: {s}"
            : l));
        return path;
    }

    /// <summary>Every file under <paramref name="expected"/>, and no other, is under <paramref name="actual"/> with the same bytes.</summary>
    private static void AssertSameFiles(string expected, string actual)
    {
        string[] Files(string root) => [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
        string[] names = Files(expected);
        Assert.Contains("summary.json", names);
        Assert.Equal(names, Files(actual));
        foreach (string name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))),
                $"{Path.Combine(actual, name)} differs from {Path.Combine(expected, name)}");
        }
    }

    /// <summary>A Redis server on a free loopback port, and the cluster file that names it.</summary>
    private string StartRedis()
    {
        int redisPort = FreePort();
        Start(RedisFactAttribute.RedisServer!, $"--port {redisPort} --bind 127.0.0.1 --save \"\" --appendonly no", out _);
        string cluster = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(cluster, $"clustering: redis\nredis: 127.0.0.1:{redisPort}\ncluster_id: test-{redisPort}\nservice_id: planner-tests\n");
        return cluster;
    }

    private StringBuilder StartWorker(string cluster)
    {
        Start(RepoPaths.Planner, $"worker --cluster \"{cluster}\" --cores 1", out StringBuilder output);
        return output;
    }

    /// <param name="environment">Variables to set, or to remove where the value is null.</param>
    private Process Start(string file, string arguments, out StringBuilder output, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var captured = new StringBuilder();
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var p = new Process { StartInfo = info };
        p.OutputDataReceived += (_, e) => { lock (captured) { captured.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (captured) { captured.AppendLine(e.Data); } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _started.Add(p);
        output = captured;
        return p;
    }

    private (int Code, string Output) RunPlanner(string arguments)
    {
        Process p = Start(RepoPaths.Planner, arguments, out StringBuilder output);
        if (!p.WaitForExit(RunTimeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"planner {arguments} did not finish in {RunTimeout.TotalSeconds} s:\n{Snapshot(output)}");
        }
        p.WaitForExit();
        return (p.ExitCode, Snapshot(output));
    }

    private static void WaitFor(StringBuilder output, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Snapshot(output).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < JoinTimeout, $"no '{text}' within {JoinTimeout.TotalSeconds} s:\n{Snapshot(output)}");
            Thread.Sleep(100);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
