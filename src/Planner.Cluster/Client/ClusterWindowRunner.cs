using System.Diagnostics;
using System.Globalization;
using Planner.Cluster.Grains;
using Planner.Cluster.Messages;
using Planner.Cluster.Versioning;
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
    public const int MaxAttempts = 6;

    /// <summary>Units in flight per worker: workers queue what they cannot start yet, so a few spare keep them busy.</summary>
    public const int InFlightPerWorker = 16;

    /// <summary>How often an unanswered unit is looked at.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ClusterSession _session;
    private readonly ClusterScenario _scenario;
    private readonly TextWriter _status;
    private readonly double[]? _sampleValues;
    private readonly bool _verbose;
    private readonly CancellationToken _stop;

    internal ClusterWindowRunner(ClusterSession session, ClusterScenario scenario, TextWriter status, double[]? sampleValues, bool verbose,
        CancellationToken stop = default)
    {
        _session = session;
        _scenario = scenario;
        _status = status;
        _sampleValues = sampleValues;
        _verbose = verbose;
        _stop = stop;
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
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int done = 0, doneOptionWindows = 0, retries = 0, reportedTenth = 0;
        double workerSeconds = 0;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        SemaphoreSlim inFlight = _session.InFlight;
        if (_verbose)
        {
            _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster: sending {units.Count} windows × {options} options to {_session.Workers} worker(s) of cluster '{_session.Cluster.ClusterId}'"));
        }

        // The first unit that cannot be done ends the run: the units not yet sent are not sent.
        ClusterRunException? failure = null;

        async Task RunOne(WindowUnit unit)
        {
            await inFlight.WaitAsync();
            try
            {
                if (Volatile.Read(ref failure) is not null || _stop.IsCancellationRequested)
                {
                    return;
                }
                WindowReply reply;
                try
                {
                    reply = await SimulateWithBackups(unit, units.Count, options, work.Scenario.Seed, work.FollowUp, () => Interlocked.Increment(ref retries));
                }
                catch (ClusterRunException e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    return;
                }
                if ((reply.Error ?? ClusterVersion.Mismatch(reply.Worker, reply.WorkerVersion, ClusterVersion.Current)) is string problem)
                {
                    Interlocked.CompareExchange(ref failure, new ClusterRunException(problem), null);
                    return;
                }
                outcomes[unit.Ordinal] = new WindowOutcome(reply.Options.Select(MetricsCodec.FromPayload).ToArray());
                lock (gate)
                {
                    byWorker[reply.Worker] = byWorker.GetValueOrDefault(reply.Worker) + 1;
                    slots[reply.Worker] = reply.WorkerSlots;
                    workerSeconds += reply.WorkerSeconds;
                    done++;
                    doneOptionWindows += unit.Options?.Count ?? options;
                    progress?.Report((doneOptionWindows, work.OptionWindows));
                    int tenth = done * 10 / units.Count;
                    if (_verbose && tenth > reportedTenth)
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
        if (failure is not null)
        {
            throw failure;
        }
        if (done < units.Count)
        {
            throw new ClusterRunException(string.Create(CultureInfo.InvariantCulture, $"stopped after {done} of {units.Count} windows of {_scenario.ScenarioPath}"));
        }
        var stats = new ClusterRunStats(byWorker, units.Count, retries, clock.Elapsed.TotalSeconds, workerSeconds, byWorker.Count) { SlotsByWorker = slots };
        // A noise follow-up is the same run's second pass: its windows count with the first's.
        LastRun = work.FollowUp is not null && LastRun is ClusterRunStats first ? first.Add(stats) : stats;
        return outcomes;
    }

    /// <summary>
    /// Sends the unit and waits for the first good answer. A failed attempt is sent again under
    /// another key (so, when it can, to another worker). An attempt that takes far longer than
    /// any answered so far is doubled on another worker: a worker that dies with the unit in its
    /// queue never answers, and a unit's result is the same wherever it runs, so the first
    /// answer is taken and the other ignored.
    /// </summary>
    private async Task<WindowReply> SimulateWithBackups(WindowUnit unit, int unitCount, int options, ulong seed, NoiseFollowUp? followUp, Action retried)
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
            ClientVersion = ClusterVersion.Current,
            SampleValues = _sampleValues,
            FollowUpMonths = followUp is null ? null : [.. followUp.MonthIndices],
            FollowUpOptions = followUp is null ? null : [.. followUp.OptionIndices],
        };
        var attempts = new List<(Task<WindowReply> Call, long SentAt)>();
        int sent = 0;
        Exception? last = null;
        void Send()
        {
            // A fresh key per attempt: the client routes keys to workers, so another attempt goes elsewhere when it can.
            long key = unit.Ordinal + (long)sent * unitCount;
            sent++;
            attempts.Add((_session.Client.GetGrain<IWindowGrain>(key).Simulate(request), Stopwatch.GetTimestamp()));
        }
        Send();
        while (true)
        {
            Task poll = Task.Delay(PollInterval);
            Task first = await Task.WhenAny(attempts.Select(a => (Task)a.Call).Append(poll));
            if (first != poll)
            {
                (Task<WindowReply> call, long sentAt) = attempts.First(a => a.Call == first);
                attempts.Remove((call, sentAt));
                if (call.IsCompletedSuccessfully)
                {
                    _session.RecordRoundTrip(Stopwatch.GetElapsedTime(sentAt));
                    return call.Result;
                }
                last = call.Exception?.InnerException ?? call.Exception;
                if (attempts.Count == 0)
                {
                    if (sent >= MaxAttempts)
                    {
                        throw new ClusterRunException($"window {unit.Ordinal} ({unit.Window.Label}, month {unit.MonthIndex + 1}) failed {MaxAttempts} times, last: {ClusterLogging.Describe(last!)}", last!);
                    }
                    retried();
                    _status.WriteLine($"cluster: window {unit.Ordinal} ({unit.Window.Label}, month {unit.MonthIndex + 1}) failed on attempt {sent} ({ClusterLogging.Describe(last!)}); sending it again");
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * sent));
                    Send();
                }
                continue;
            }
            TimeSpan overdue = BackupAfter();
            if (sent < MaxAttempts && overdue > TimeSpan.Zero && attempts.Count > 0 && attempts.All(a => Stopwatch.GetElapsedTime(a.SentAt) > overdue))
            {
                retried();
                _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cluster: window {unit.Ordinal} ({unit.Window.Label}, month {unit.MonthIndex + 1}) unanswered after {overdue.TotalSeconds:0.0} s (its worker may be gone); sending it to another worker too"));
                Send();
            }
        }
    }

    /// <summary>
    /// An attempt unanswered for longer than three times the longest round trip so far in the session
    /// (and at least two seconds) is overdue; zero (never) before the first answer, when there is nothing to compare with.
    /// </summary>
    private TimeSpan BackupAfter()
    {
        long longest = _session.LongestRoundTripTicks;
        return longest == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(3 * longest, TimeSpan.FromSeconds(2).Ticks));
    }
}
