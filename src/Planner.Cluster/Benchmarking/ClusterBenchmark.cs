using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Orleans.Serialization;
using Planner.Cluster.Client;
using Planner.Cluster.Configuration;
using Planner.Cluster.Messages;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Cluster.Benchmarking;

/// <summary>
/// The cluster path against the local path on the same scenario: every unit simulated on this
/// machine's cores (as <see cref="ParallelWindowRunner"/> does, each unit timed), then on the
/// cluster's workers (as <c>planner run --cluster</c> sends them), several passes each, and the
/// first cluster pass's answers compared with the local ones byte for byte.
/// </summary>
public static class ClusterBenchmark
{
    /// <summary>Runs <paramref name="passes"/> local and then as many cluster passes; <paramref name="status"/> gets a line per pass.</summary>
    /// <exception cref="ClusterRunException">The cluster could not be reached or could not finish a pass.</exception>
    public static ClusterBenchmarkResult Run(ClusterFile cluster, ScenarioSpec spec, ClusterScenario scenario, int passes, TextWriter status)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        return Task.Run(() => RunAsync(cluster, spec, scenario, passes, status)).GetAwaiter().GetResult();
    }

    private static async Task<ClusterBenchmarkResult> RunAsync(ClusterFile cluster, ScenarioSpec spec, ClusterScenario scenario, int passes, TextWriter status)
    {
        WindowWork work = WindowWork.Prepare(spec, PerformanceProfiles.For);
        int units = work.Units.Count;
        int cores = Environment.ProcessorCount;
        var local = new List<PathTiming>();
        IReadOnlyList<WindowOutcome>? reference = null;
        double longest = 0;
        for (int p = 0; p < passes; p++)
        {
            (IReadOnlyList<WindowOutcome> outcomes, PathTiming timing, double slowest) = RunLocally(work, cores);
            reference ??= outcomes;
            longest = slowest;
            local.Add(timing);
            status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"local pass {p + 1}/{passes}: {units} windows on {cores} cores in {timing.WallSeconds:0.00} s ({timing.BusySeconds:0.00} core-s simulating)"));
        }

        var connecting = Stopwatch.StartNew();
        await using ClusterSession session = await ClusterSession.ConnectAsync(cluster);
        double connect = connecting.Elapsed.TotalSeconds;
        status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connected to cluster '{cluster.ClusterId}' in {connect:0.00} s: {session.Workers} worker(s)"));
        var remote = new List<PathTiming>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int identical = 0;
        double bytes = 0;
        for (int p = 0; p < passes; p++)
        {
            ClusterWindowRunner runner = session.CreateQuietRunner(scenario, status);
            IReadOnlyList<WindowOutcome> outcomes = await Task.Run(() => runner.RunAll(work, null));
            ClusterRunStats stats = runner.LastRun!;
            foreach ((string worker, int count) in stats.SlotsByWorker)
            {
                slots[worker] = count;
            }
            remote.Add(new PathTiming(stats.WallSeconds, stats.WorkerSeconds, stats.Retries));
            status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster pass {p + 1}/{passes}: {units} windows on {stats.Workers} worker(s) in {stats.WallSeconds:0.00} s ({stats.WorkerSeconds:0.00} worker-s, {stats.Retries} retried)"));
            if (p == 0)
            {
                for (int k = 0; k < units; k++)
                {
                    byte[] here = Answer(session.Serializer, reference![k]), there = Answer(session.Serializer, outcomes[k]);
                    identical += here.AsSpan().SequenceEqual(there) ? 1 : 0;
                    bytes += there.Length;
                }
            }
        }
        return new ClusterBenchmarkResult
        {
            Units = units,
            Options = spec.Options.Count,
            LocalCores = cores,
            Workers = slots.Count,
            Slots = slots.Values.Sum(),
            ConnectSeconds = connect,
            Local = local,
            Cluster = remote,
            IdenticalUnits = identical,
            AnswerBytesPerUnit = bytes / units,
            LongestUnitSeconds = longest,
        };
    }

    /// <summary>Every unit on this machine's cores, heaviest months first, each timed; the outcomes, the pass and its longest unit.</summary>
    private static (IReadOnlyList<WindowOutcome> Outcomes, PathTiming Timing, double LongestUnitSeconds) RunLocally(WindowWork work, int cores)
    {
        IReadOnlyList<WindowUnit> units = work.Units;
        var outcomes = new WindowOutcome[units.Count];
        var seconds = new double[units.Count];
        int[] order = [.. Enumerable.Range(0, units.Count).OrderByDescending(k => units[k].MonthIndex).ThenBy(k => k)];
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = cores }, k =>
        {
            long start = Stopwatch.GetTimestamp();
            outcomes[k] = work.Simulate(units[k]);
            seconds[k] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        });
        clock.Stop();
        return (outcomes, new PathTiming(clock.Elapsed.TotalSeconds, seconds.Sum(), 0), seconds.Max());
    }

    /// <summary>A unit's outcome as a worker's answer carries it, serialised.</summary>
    private static byte[] Answer(Serializer serializer, WindowOutcome outcome) =>
        serializer.SerializeToArray(new WindowReply { Options = [.. outcome.Options.Select(MetricsCodec.ToPayload)], Worker = "" });
}
