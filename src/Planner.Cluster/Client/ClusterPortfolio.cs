using System.Diagnostics;
using System.Globalization;
using Planner.Cluster.Configuration;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Cluster.Client;

/// <summary>
/// Plans several scenarios on one cluster at once: one connection, and every scenario's units sent
/// to the same workers through the session's one window of units in flight, with no pause between
/// scenarios. Each scenario is merged in its own unit order, so each result is the projection a run
/// of that scenario alone gives. The first scenario that cannot finish stops the others, and a
/// <see cref="ClusterRunException"/> says why.
/// </summary>
public sealed class ClusterPortfolio
{
    private readonly ClusterFile _cluster;
    private readonly TextWriter _status;

    public ClusterPortfolio(ClusterFile cluster, TextWriter status)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _status = status ?? throw new ArgumentNullException(nameof(status));
    }

    /// <summary>What the last <see cref="SimulateAll"/> took, over all its scenarios; null before one finished.</summary>
    public ClusterRunStats? LastRun { get; private set; }

    /// <summary>The projection of every scenario, entry i for scenario i.</summary>
    /// <param name="scenarios">Each scenario as planned here (seed included) and as workers receive it.</param>
    /// <param name="progress">Null, or one entry per scenario, which receives that scenario's completed/total option-windows.</param>
    public IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<(ScenarioSpec Spec, ClusterScenario Scenario)> scenarios,
        IReadOnlyList<IProgress<(int Done, int Total)>?>? progress)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (progress is not null && progress.Count != scenarios.Count)
        {
            throw new ArgumentException($"{progress.Count} progress sinks for {scenarios.Count} scenarios", nameof(progress));
        }
        return Task.Run(() => SimulateAllAsync(scenarios, progress)).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyList<ProjectionResult>> SimulateAllAsync(IReadOnlyList<(ScenarioSpec Spec, ClusterScenario Scenario)> scenarios,
        IReadOnlyList<IProgress<(int Done, int Total)>?>? progress)
    {
        await using ClusterSession session = await ClusterSession.ConnectAsync(_cluster);
        _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: planning {scenarios.Count} scenarios together on {session.Workers} worker(s) of cluster '{_cluster.ClusterId}'"));
        using var stop = new CancellationTokenSource();
        ClusterRunException? failure = null;
        var runners = scenarios.Select(s => session.CreateQuietRunner(s.Scenario, _status, stop.Token)).ToArray();
        var clock = Stopwatch.StartNew();
        // Each projector blocks on its runner: a thread of its own each, so none waits for the pool to grow.
        Task<ProjectionResult?>[] runs = [.. scenarios.Select((s, i) => Task.Factory.StartNew(() =>
        {
            try
            {
                return new Projector().Run(s.Spec, runners[i], progress?[i]);
            }
            catch (ClusterRunException e)
            {
                // The first failure is the one to report; the others were stopped because of it.
                if (Interlocked.CompareExchange(ref failure, e, null) is null)
                {
                    stop.Cancel();
                }
                return null;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        ProjectionResult?[] results = await Task.WhenAll(runs);
        clock.Stop();
        if (failure is not null)
        {
            throw failure;
        }
        var byWorker = new Dictionary<string, int>(StringComparer.Ordinal);
        int windows = 0, retries = 0;
        double workerSeconds = 0;
        foreach (ClusterRunStats s in runners.Select(r => r.LastRun!))
        {
            foreach ((string worker, int count) in s.WindowsByWorker)
            {
                byWorker[worker] = byWorker.GetValueOrDefault(worker) + count;
            }
            windows += s.Windows;
            retries += s.Retries;
            workerSeconds += s.WorkerSeconds;
        }
        LastRun = new ClusterRunStats(byWorker, windows, retries, clock.Elapsed.TotalSeconds, workerSeconds, byWorker.Count);
        return [.. results.Select(r => r!)];
    }
}
