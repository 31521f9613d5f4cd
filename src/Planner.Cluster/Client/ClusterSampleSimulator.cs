using System.Diagnostics;
using System.Globalization;
using Planner.Cluster.Configuration;
using Planner.Core.Decision;
using Planner.Core.Projection;

namespace Planner.Cluster.Client;

/// <summary>
/// Simulates Monte Carlo samples in full on a cluster: connects when asked, runs several samples at
/// once (each sample's windows are units like a plain run's, the sample's input values travel with
/// them), and disconnects. Each sample is merged in unit order, so it is the same projection a
/// local run of the sample gives. A <see cref="ClusterRunException"/> says why it could not finish.
/// </summary>
public sealed class ClusterSampleSimulator : ISampleSimulator
{
    /// <summary>Samples in flight per worker: enough that a worker never waits for the client between two samples.</summary>
    public const int SamplesPerWorker = 2;

    private readonly ClusterFile _cluster;
    private readonly ClusterScenario _scenario;
    private readonly TextWriter _status;

    public ClusterSampleSimulator(ClusterFile cluster, ClusterScenario scenario, TextWriter status)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _status = status ?? throw new ArgumentNullException(nameof(status));
    }

    /// <summary>What the last <see cref="SimulateAll"/> took, over all its samples; null before one finished.</summary>
    public ClusterRunStats? LastRun { get; private set; }

    public IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return Task.Run(() => SimulateAllAsync(samples, progress)).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyList<ProjectionResult>> SimulateAllAsync(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress)
    {
        await using ClusterSession session = await ClusterSession.ConnectAsync(_cluster);
        var results = new ProjectionResult[samples.Count];
        var byWorker = new Dictionary<string, int>(StringComparer.Ordinal);
        int done = 0, windows = 0, retries = 0;
        double workerSeconds = 0;
        var gate = new object();
        ClusterRunException? failure = null;
        var clock = Stopwatch.StartNew();
        using var concurrent = new SemaphoreSlim(Math.Max(2, session.Workers * SamplesPerWorker));
        _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: simulating {samples.Count} samples in full on {session.Workers} worker(s) of cluster '{_cluster.ClusterId}'"));

        async Task RunOne(int i)
        {
            await concurrent.WaitAsync();
            try
            {
                if (Volatile.Read(ref failure) is not null)
                {
                    return;
                }
                ClusterWindowRunner runner = session.CreateSampleRunner(_scenario, samples[i].Values, _status);
                // The projector waits for its runner; on a pool thread of its own, not the caller's.
                results[i] = await Task.Run(() => new Projector().Run(samples[i].Scenario, runner, null));
                lock (gate)
                {
                    ClusterRunStats s = runner.LastRun!;
                    foreach ((string worker, int count) in s.WindowsByWorker)
                    {
                        byWorker[worker] = byWorker.GetValueOrDefault(worker) + count;
                    }
                    windows += s.Windows;
                    retries += s.Retries;
                    workerSeconds += s.WorkerSeconds;
                    done++;
                    progress?.Report((done, samples.Count));
                }
            }
            catch (ClusterRunException e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
            finally
            {
                concurrent.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, samples.Count).Select(RunOne));
        clock.Stop();
        if (failure is not null)
        {
            throw failure;
        }
        LastRun = new ClusterRunStats(byWorker, windows, retries, clock.Elapsed.TotalSeconds, workerSeconds, byWorker.Count);
        return results;
    }
}
