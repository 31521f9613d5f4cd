using System.Diagnostics;
using System.Globalization;
using Planner.Cluster.Grains;
using Planner.Cluster.Messages;
using Planner.Cluster.Versioning;
using Planner.Core.Optimization;

namespace Planner.Cluster.Client;

/// <summary>
/// Runs an exhaustive configuration search's units on the cluster: each batch the optimizer asks
/// for is split into small groups sent to the workers, a bounded number in flight, a failed group
/// sent again under another key (so, when it can, to another worker). Outcomes come back in the
/// units' order, so the optimizer merges them exactly as a local search does. A call left
/// unanswered far longer than any answer so far is doubled on another worker.
/// </summary>
public sealed class ClusterOptimizationRunner : IOptimizationRunner
{
    /// <summary>Attempts per group of units before the search fails.</summary>
    public const int MaxAttempts = 6;

    /// <summary>Most units in one call: enough to make a call's round trip small beside its work, few enough to spread a batch.</summary>
    public const int MaxUnitsPerCall = 16;

    private readonly ClusterSession _session;
    private readonly OptimizationRequest _template;
    private readonly TextWriter _status;
    private readonly Dictionary<string, int> _byWorker = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private int _units, _retries;
    private double _workerSeconds;
    private long _keys;
    private long _longestTicks;

    /// <summary>How often an unanswered call is looked at.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    internal ClusterOptimizationRunner(ClusterSession session, OptimizationRequest template, TextWriter status)
    {
        _session = session;
        _template = template;
        _status = status;
    }

    /// <summary>What every batch so far took, together.</summary>
    public ClusterRunStats Stats
    {
        get
        {
            lock (_byWorker)
            {
                return new ClusterRunStats(new Dictionary<string, int>(_byWorker, StringComparer.Ordinal), _units, _retries, _clock.Elapsed.TotalSeconds, _workerSeconds, _byWorker.Count);
            }
        }
    }

    public IReadOnlyList<PoolWindowOutcome> RunAll(IReadOnlyList<PoolWindowUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return RunAllAsync(units).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Sends the call and waits for the first good answer: a failed attempt is sent again under
    /// another key (so, when it can, to another worker); one unanswered for three times the
    /// longest answer so far (at least 2 s) is doubled on another worker, since a worker that dies
    /// with the call queued never answers. The answers are identical; the first is taken.
    /// </summary>
    private async Task<OptimizationReply> SimulateWithBackups(OptimizationRequest request, string what)
    {
        var attempts = new List<(Task<OptimizationReply> Call, long SentAt)>();
        int sent = 0;
        void Send()
        {
            sent++;
            attempts.Add((_session.Client.GetGrain<IOptimizationGrain>(Interlocked.Increment(ref _keys)).Simulate(request), Stopwatch.GetTimestamp()));
        }
        Send();
        while (true)
        {
            Task poll = Task.Delay(PollInterval);
            Task first = await Task.WhenAny(attempts.Select(a => (Task)a.Call).Append(poll));
            if (first != poll)
            {
                (Task<OptimizationReply> call, long sentAt) = attempts.First(a => a.Call == first);
                attempts.Remove((call, sentAt));
                if (call.IsCompletedSuccessfully)
                {
                    long ticks = Stopwatch.GetElapsedTime(sentAt).Ticks, seen;
                    while (ticks > (seen = Interlocked.Read(ref _longestTicks)) && Interlocked.CompareExchange(ref _longestTicks, ticks, seen) != seen)
                    {
                    }
                    return call.Result;
                }
                Exception last = call.Exception?.InnerException ?? call.Exception!;
                if (attempts.Count == 0)
                {
                    if (sent >= MaxAttempts)
                    {
                        throw new ClusterRunException($"{what} failed {MaxAttempts} times, last: {ClusterLogging.Describe(last)}", last);
                    }
                    Interlocked.Increment(ref _retries);
                    _status.WriteLine($"cluster: {what} failed on attempt {sent} ({ClusterLogging.Describe(last)}); sending them again");
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * sent));
                    Send();
                }
                continue;
            }
            long longest = Interlocked.Read(ref _longestTicks);
            TimeSpan overdue = longest == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(3 * longest, TimeSpan.FromSeconds(2).Ticks));
            if (sent < MaxAttempts && overdue > TimeSpan.Zero && attempts.Count > 0 && attempts.All(a => Stopwatch.GetElapsedTime(a.SentAt) > overdue))
            {
                Interlocked.Increment(ref _retries);
                _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cluster: {what} unanswered after {overdue.TotalSeconds:0.0} s (its worker may be gone); sending them to another worker too"));
                Send();
            }
        }
    }

    private async Task<IReadOnlyList<PoolWindowOutcome>> RunAllAsync(IReadOnlyList<PoolWindowUnit> units)
    {
        var outcomes = new PoolWindowOutcome[units.Count];
        // At least a few calls per worker, so that a batch spreads over the cluster.
        int size = Math.Clamp((units.Count + 4 * _session.Workers - 1) / Math.Max(1, 4 * _session.Workers), 1, MaxUnitsPerCall);
        var groups = new List<(int Start, int Count)>();
        for (int start = 0; start < units.Count; start += size)
        {
            groups.Add((start, Math.Min(size, units.Count - start)));
        }
        lock (_byWorker)
        {
            _clock.Start();
        }
        bool big = units.Count >= 20;
        if (big)
        {
            _status.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster: sending {units.Count} window simulations in {groups.Count} calls to {_session.Workers} worker(s) of cluster '{_session.Cluster.ClusterId}'"));
        }
        ClusterRunException? failure = null;
        async Task RunGroup((int Start, int Count) group)
        {
            await _session.InFlight.WaitAsync();
            try
            {
                if (Volatile.Read(ref failure) is not null)
                {
                    return;
                }
                var request = _template with { Units = [.. Enumerable.Range(group.Start, group.Count).Select(i => OptimizationCodec.ToPayload(units[i]))] };
                OptimizationReply reply = await SimulateWithBackups(request, $"{group.Count} window simulations (level {units[group.Start].Level}, {units[group.Start].Pool})");
                if ((reply.Error ?? ClusterVersion.Mismatch(reply.Worker, reply.WorkerVersion, ClusterVersion.Current)) is string problem)
                {
                    throw new ClusterRunException(problem);
                }
                if (reply.Outcomes.Length != group.Count)
                {
                    throw new ClusterRunException($"worker {reply.Worker} answered {reply.Outcomes.Length} outcomes for {group.Count} window simulations");
                }
                for (int i = 0; i < group.Count; i++)
                {
                    outcomes[group.Start + i] = OptimizationCodec.FromPayload(reply.Outcomes[i]);
                }
                lock (_byWorker)
                {
                    _byWorker[reply.Worker] = _byWorker.GetValueOrDefault(reply.Worker) + group.Count;
                    _units += group.Count;
                    _workerSeconds += reply.WorkerSeconds;
                }
            }
            catch (ClusterRunException e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
            finally
            {
                _session.InFlight.Release();
            }
        }
        await Task.WhenAll(groups.Select(RunGroup));
        lock (_byWorker)
        {
            _clock.Stop();
        }
        if (failure is not null)
        {
            throw failure;
        }
        if (big)
        {
            _status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: {units.Count} window simulations done ({Stats.Windows} so far, {Stats.WallSeconds:0.0} s)"));
        }
        return outcomes;
    }
}
