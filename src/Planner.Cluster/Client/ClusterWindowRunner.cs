using System.Diagnostics;
using System.Globalization;
using Planner.Cluster.Grains;
using Planner.Cluster.Messages;
using Planner.Core.Projection;

namespace Planner.Cluster.Client;

/// <summary>
/// Runs a projection's units on the cluster: the heaviest months first, a bounded number in
/// flight, each unit retried on another worker when its worker fails or leaves. Outcomes come
/// back indexed by unit, so the projector merges them exactly as a local run does.
/// </summary>
public sealed class ClusterWindowRunner : IWindowRunner
{
    /// <summary>Attempts per unit before the run fails.</summary>
    public const int MaxAttempts = 4;

    /// <summary>Units in flight per worker: workers queue what they cannot start yet, so a few spare keep them busy.</summary>
    public const int InFlightPerWorker = 16;

    private readonly ClusterSession _session;
    private readonly ClusterScenario _scenario;
    private readonly TextWriter _status;

    internal ClusterWindowRunner(ClusterSession session, ClusterScenario scenario, TextWriter status)
    {
        _session = session;
        _scenario = scenario;
        _status = status;
    }

    /// <summary>What the last <see cref="RunAll"/> took; null before one finished.</summary>
    public ClusterRunStats? LastRun { get; private set; }

    public IReadOnlyList<WindowOutcome> RunAll(WindowWork work, IProgress<(int Done, int Total)>? progress)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAllAsync(work, progress).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyList<WindowOutcome>> RunAllAsync(WindowWork work, IProgress<(int Done, int Total)>? progress)
    {
        IReadOnlyList<WindowUnit> units = work.Units;
        int options = work.Scenario.Options.Count;
        var outcomes = new WindowOutcome[units.Count];
        var byWorker = new Dictionary<string, int>(StringComparer.Ordinal);
        int done = 0, retries = 0, reportedTenth = 0;
        double workerSeconds = 0;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        using var inFlight = new SemaphoreSlim(Math.Max(2, _session.Workers * InFlightPerWorker));
        _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: sending {units.Count} windows × {options} options to {_session.Workers} worker(s) of cluster '{_session.Cluster.ClusterId}'"));

        async Task RunOne(WindowUnit unit)
        {
            await inFlight.WaitAsync();
            try
            {
                WindowReply reply = await SimulateWithRetries(unit, units.Count, options, work.Scenario.Seed, () => Interlocked.Increment(ref retries));
                if (reply.Error is not null)
                {
                    throw new ClusterRunException(reply.Error);
                }
                outcomes[unit.Ordinal] = new WindowOutcome(reply.Options.Select(MetricsCodec.FromPayload).ToArray());
                lock (gate)
                {
                    byWorker[reply.Worker] = byWorker.GetValueOrDefault(reply.Worker) + 1;
                    workerSeconds += reply.WorkerSeconds;
                    done++;
                    progress?.Report((done * options, units.Count * options));
                    int tenth = done * 10 / units.Count;
                    if (tenth > reportedTenth)
                    {
                        reportedTenth = tenth;
                        _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"cluster: {done}/{units.Count} windows ({done * 100 / units.Count}%) in {clock.Elapsed.TotalSeconds:0.0} s"));
                    }
                }
            }
            finally
            {
                inFlight.Release();
            }
        }

        // Heaviest (latest) months first, as the local runner does, so no worker is left with a big one at the end.
        await Task.WhenAll(units.OrderByDescending(u => u.MonthIndex).ThenBy(u => u.Ordinal).Select(RunOne));
        clock.Stop();
        LastRun = new ClusterRunStats(byWorker, units.Count, retries, clock.Elapsed.TotalSeconds, workerSeconds, byWorker.Count);
        return outcomes;
    }

    private async Task<WindowReply> SimulateWithRetries(WindowUnit unit, int unitCount, int options, ulong seed, Action retried)
    {
        var request = new WindowRequest
        {
            ScenarioText = _scenario.ScenarioText,
            ScenarioPath = _scenario.ScenarioPath,
            BaseDirectory = _scenario.BaseDirectory,
            CatalogDirectory = _scenario.CatalogDirectory,
            Seed = seed,
            Ordinal = unit.Ordinal,
            UnitCount = unitCount,
            OptionCount = options,
            WindowLabel = unit.Window.Label,
        };
        for (int attempt = 0; ; attempt++)
        {
            // A fresh key per attempt: the client routes keys to workers, so a retry goes elsewhere when it can.
            long key = unit.Ordinal + (long)attempt * unitCount;
            try
            {
                return await _session.Client.GetGrain<IWindowGrain>(key).Simulate(request);
            }
            catch (Exception e) when (e is not ClusterRunException && attempt + 1 < MaxAttempts)
            {
                retried();
                _status.WriteLine($"cluster: window {unit.Ordinal} ({unit.Window.Label}, month {unit.MonthIndex + 1}) failed on attempt {attempt + 1} ({ClusterLogging.Describe(e)}); retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (attempt + 1)));
            }
            catch (Exception e) when (e is not ClusterRunException)
            {
                throw new ClusterRunException($"window {unit.Ordinal} ({unit.Window.Label}, month {unit.MonthIndex + 1}) failed {MaxAttempts} times, last: {ClusterLogging.Describe(e)}", e);
            }
        }
    }
}
