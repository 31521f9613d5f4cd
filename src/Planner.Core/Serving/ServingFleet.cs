using System.Runtime.Intrinsics;
using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// A self-hosted fleet: replicas running an iteration-level, continuously batched inference
/// engine (as vLLM does), a router, an autoscaler and spot capacity.
/// <para>
/// Each step of a replica admits waiting requests while batch slots, the step's token budget
/// and free KV cache (the request's whole prompt) allow; runs every decoding sequence one token
/// forward and, with chunked prefill, fills the rest of the token budget with prompt chunks
/// (without it, a prefill-only step pauses decoding). A request's first token comes at the end
/// of the step that finishes its prompt; the cached share of a prompt skips prefill when prefix
/// caching is on. When a decode step would overrun the KV cache, the newest running request is
/// preempted and later recomputed (prompt plus what it had generated). KV use counts every held
/// token plus half a 16-token block of fragmentation per sequence.
/// </para>
/// <para>
/// Runs of decode-only steps with nothing to decide are simulated as one event: the steps
/// until the next sequence finishes (or the KV cache would fill), each timed at the run's mean
/// context, which is exact for step times linear in context. A request that arrives mid-run and
/// could be admitted cuts the run at the next step boundary, so batching stays step-exact.
/// </para>
/// </summary>
public sealed class ServingFleet
{
    private const double FragmentationTokensPerSequence = ReplicaFootprint.BlockTokens / 2.0;
    private readonly SelfHostedOptionSpec _option;
    private readonly IPerformanceProfile _profile;
    private readonly SimulationContext _ctx;
    private readonly ServingEngineSpec _engine;
    private readonly AutoscalerSpec? _autoscaler;
    private readonly long _kvCapacityTokens;
    private readonly List<Replica> _replicas = [];
    private readonly IntDeque _unrouted = new();
    /// <summary>
    /// Outstanding requests of each replica by id, <see cref="int.MaxValue"/> when it is not
    /// ready: what the least-outstanding router scans, kept by <see cref="Recount"/>.
    /// </summary>
    private int[] _routingLoad = new int[16];
    private readonly Queue<(double Time, int Desired)> _desiredHistory = new();
    private int _starting, _busy, _idle, _spotLive, _roundRobin;
    private double _outstandingTotal, _outstandingIntegral, _arrivalsSinceTick;
    private double _queuedCount, _queuedEnqueueSum;
    private double _demandAboveSince = double.NaN;
    private double _segmentArrivals, _segmentReplicaSeconds, _segmentQueuedSeconds, _segmentSeconds;
    private int _segmentHour;
    private double _segmentWeight;

    public ServingFleet(SelfHostedOptionSpec option, IPerformanceProfile profile, SimulationContext context)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        _engine = option.Engine;
        _autoscaler = option.Autoscaler;
        var footprint = ReplicaFootprint.Compute(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
        if (!footprint.Fits)
        {
            throw new ArgumentException(ReplicaFootprint.DescribeMisfit(option.Model, option.Gpu, option.GpusPerReplica, option.Engine), nameof(option));
        }
        _kvCapacityTokens = footprint.KvCapacityTokens;
    }

    /// <summary>Replicas provisioned and not stopped (starting, ready or draining).</summary>
    public int LiveReplicas => _starting + _busy + _idle;

    /// <summary>Mean time the requests now queued (not yet admitted) have waited.</summary>
    public double QueueWaitSeconds => _queuedCount > 0 ? _ctx.Now - _queuedEnqueueSum / _queuedCount : 0;

    public void Start()
    {
        _replicas.Clear();
        _unrouted.Clear();
        _desiredHistory.Clear();
        _starting = _busy = _idle = _spotLive = _roundRobin = 0;
        _outstandingTotal = _outstandingIntegral = _arrivalsSinceTick = 0;
        _queuedCount = _queuedEnqueueSum = 0;
        _demandAboveSince = double.NaN;
        _segmentArrivals = _segmentReplicaSeconds = _segmentQueuedSeconds = _segmentSeconds = 0;
        int initial = _option.FixedReplicas ?? Math.Max(_autoscaler!.MinReplicas, ScheduledMinimum());
        for (int i = 0; i < initial; i++)
        {
            Replica r = NewReplica(ReplicaState.Ready);
            r.ProvisionedAt = 0;
        }
        if (_autoscaler is not null)
        {
            _ctx.Queue.Schedule(new SimEvent(_autoscaler.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
        }
    }

    /// <summary>Integrates time-weighted state before the clock moves by <paramref name="dt"/>.</summary>
    public void Advance(double dt)
    {
        double w = _ctx.Weight * dt;
        WindowMetrics m = _ctx.Metrics;
        m.ReplicaSecondsColdStart += _starting * w;
        m.ReplicaSecondsBusy += _busy * w;
        m.ReplicaSecondsIdle += _idle * w;
        m.SpotReplicaSecondsBilled += _spotLive * w;
        _outstandingIntegral += _outstandingTotal * dt;
        _segmentReplicaSeconds += LiveReplicas * dt;
        _segmentQueuedSeconds += _queuedCount * dt;
        _segmentSeconds += dt;
        if (_ctx.Weight > 0 && LiveReplicas > m.PeakReplicas)
        {
            m.PeakReplicas = LiveReplicas;
        }
    }

    /// <summary>Closes the previous segment's timeline sample.</summary>
    public void SegmentStarted(int hour)
    {
        FlushSegment();
        _segmentHour = hour;
        _segmentWeight = _ctx.Weight;
    }

    public void End()
    {
        FlushSegment();
    }

    /// <summary>Takes a request (new or re-queued) and routes it.</summary>
    public void Submit(int id, bool isNewArrival = true)
    {
        if (isNewArrival)
        {
            _arrivalsSinceTick++;
            _segmentArrivals++;
        }
        RequestTable t = _ctx.Requests;
        if (t[id].Input + t[id].Output > _kvCapacityTokens)
        {
            _ctx.Reject(id);
            return;
        }
        if (isNewArrival)
        {
            _outstandingTotal++;
        }
        EnterQueue(id);
        Route(id);
        if (_autoscaler is not null && _starting == 0 && !AnyReady())
        {
            // Scale from zero at once: the request's wait for the cold start shows in its TTFT.
            StartReplica();
        }
    }

    public void OnEvent(in SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ReplicaProgress:
            {
                Replica r = _replicas[e.Target];
                if (e.Version != r.Version)
                {
                    break;
                }
                if (r.Busy)
                {
                    FinishStep(r);
                }
                else if (r.Kicked)
                {
                    r.Kicked = false;
                    StartStep(r);
                }
                break;
            }
            case EventKind.ReplicaReady:
            {
                Replica r = _replicas[e.Target];
                if (r.State == ReplicaState.Starting && e.Version == r.Lifetime)
                {
                    r.State = ReplicaState.Ready;
                    Recount(r);
                    while (_unrouted.Count > 0)
                    {
                        Route(_unrouted.PopFront());
                    }
                }
                break;
            }
            case EventKind.AutoscalerTick:
                EvaluateAutoscaler();
                _ctx.Queue.Schedule(new SimEvent(_ctx.Now + _autoscaler!.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
                break;
            case EventKind.SpotNotice:
            {
                Replica r = _replicas[e.Target];
                if (e.Version == r.Lifetime && r.State != ReplicaState.Stopped)
                {
                    _ctx.Metrics.SpotInterruptions += _ctx.Weight;
                    BeginDrain(r);
                }
                break;
            }
            case EventKind.SpotInterrupt:
            {
                Replica r = _replicas[e.Target];
                if (e.Version == r.Lifetime && r.State != ReplicaState.Stopped)
                {
                    Interrupt(r);
                }
                break;
            }
        }
    }

    // ---- routing and queues ---------------------------------------------------------------

    private void Route(int id)
    {
        Replica? best = PickReplica();
        RequestTable t = _ctx.Requests;
        if (best is null)
        {
            t[id].Replica = -1;
            _unrouted.PushBack(id);
            return;
        }
        t[id].Replica = best.Id;
        best.Outstanding++;
        Recount(best);
        PushWaiting(best, id, front: false);
        if (!best.Busy && !best.Kicked)
        {
            // Start the step after everything else due at this instant, so simultaneous arrivals share it.
            best.Kicked = true;
            best.Version++;
            _ctx.Queue.Schedule(new SimEvent(_ctx.Now, EventKind.ReplicaProgress, best.Id, best.Version), EventPhase.Control);
        }
        else if (best.StepCount > 1 && CanAdmit(best, id))
        {
            CutRun(best);
        }
    }

    private Replica? PickReplica()
    {
        Replica? best = null;
        switch (_option.Router)
        {
            case RouterPolicy.RoundRobin:
                for (int i = 0; i < _replicas.Count; i++)
                {
                    Replica r = _replicas[(_roundRobin + i) % _replicas.Count];
                    if (r.State == ReplicaState.Ready)
                    {
                        _roundRobin = (r.Id + 1) % _replicas.Count;
                        return r;
                    }
                }
                return null;
            case RouterPolicy.KvAware:
                double bestFree = double.NegativeInfinity;
                foreach (Replica r in _replicas)
                {
                    if (r.State != ReplicaState.Ready)
                    {
                        continue;
                    }
                    double free = _kvCapacityTokens - r.KvTokensInUse - QueuedPromptTokens(r);
                    if (best is null || free > bestFree || (free == bestFree && r.Outstanding < best.Outstanding))
                    {
                        best = r;
                        bestFree = free;
                    }
                }
                return best;
            default:
                // The first ready replica with the fewest outstanding requests.
                ReadOnlySpan<int> load = _routingLoad.AsSpan(0, _replicas.Count);
                int fewest = Fewest(load);
                return fewest == int.MaxValue ? null : _replicas[load.IndexOf(fewest)];
        }
    }

    /// <summary>The smallest value, eight at a time where the hardware allows (every arrival scans every replica).</summary>
    internal static int Fewest(ReadOnlySpan<int> values)
    {
        int i = 0;
        int fewest = int.MaxValue;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<int>.Count)
        {
            Vector256<int> lanes = Vector256.Create(int.MaxValue);
            for (; i <= values.Length - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                lanes = Vector256.Min(lanes, Vector256.Create(values.Slice(i, Vector256<int>.Count)));
            }
            Vector128<int> half = Vector128.Min(lanes.GetLower(), lanes.GetUpper());
            half = Vector128.Min(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
            half = Vector128.Min(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2)));
            fewest = half.ToScalar();
        }
        for (; i < values.Length; i++)
        {
            fewest = Math.Min(fewest, values[i]);
        }
        return fewest;
    }

    private static long QueuedPromptTokens(Replica r) => r.WaitingPromptTokens;

    private void PushWaiting(Replica r, int id, bool front)
    {
        if (front)
        {
            r.Waiting.PushFront(id);
        }
        else
        {
            r.Waiting.PushBack(id);
        }
        r.WaitingPromptTokens += _ctx.Requests[id].PromptTokens;
    }

    private int PopWaiting(Replica r)
    {
        int id = r.Waiting.PopFront();
        r.WaitingPromptTokens -= _ctx.Requests[id].PromptTokens;
        return id;
    }

    private void EnterQueue(int id)
    {
        RequestTable t = _ctx.Requests;
        t[id].EnqueuedAt = _ctx.Now;
        t[id].Phase = RequestTable.PhaseQueued;
        _queuedCount++;
        _queuedEnqueueSum += _ctx.Now;
    }

    private void LeaveQueue(int id)
    {
        _queuedCount--;
        _queuedEnqueueSum -= _ctx.Requests[id].EnqueuedAt;
    }

    // ---- the iteration-level engine -----------------------------------------------------------

    private bool CanAdmit(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        int sequences = r.Running.Count + r.Prefilling.Count;
        return sequences < _engine.MaxConcurrentSequences
            && r.KvTokensInUse + (sequences + 1) * FragmentationTokensPerSequence + t[id].PromptTokens <= _kvCapacityTokens;
    }

    /// <summary>Composes and starts the replica's next step, or leaves it idle.</summary>
    private void StartStep(Replica r)
    {
        RequestTable t = _ctx.Requests;
        int running = r.Running.Count;
        int budget = _engine.ChunkedPrefill ? _engine.MaxBatchedTokens - running : _engine.MaxBatchedTokens;
        long queuedPromptTokens = 0;
        for (int i = 0; i < r.Prefilling.Count; i++)
        {
            int p = r.Prefilling[i];
            queuedPromptTokens += t[p].PromptTokens - t[p].Prefilled;
        }
        // Admission, oldest first; preempted requests sit at the front of the queue.
        while (r.Waiting.Count > 0 && queuedPromptTokens < Math.Max(1, budget))
        {
            int id = r.Waiting.PeekFront();
            if (!CanAdmit(r, id))
            {
                break;
            }
            if (!_engine.ChunkedPrefill && r.Prefilling.Count > 0 && queuedPromptTokens + t[id].PromptTokens > budget)
            {
                break;
            }
            PopWaiting(r);
            LeaveQueue(id);
            ref InFlightRequest q = ref t[id];
            q.Phase = RequestTable.PhasePrefilling;
            q.Prefilled = _engine.PrefixCaching ? Math.Min(q.Cached, q.PromptTokens - 1) : 0;
            r.PrefillReservedTokens += q.PromptTokens;
            r.Prefilling.Add(id);
            queuedPromptTokens += q.PromptTokens - q.Prefilled;
        }

        r.ChunkIds.Clear();
        r.ChunkTokens.Clear();
        int prefillTokens = 0;
        long pairs = 0;
        bool decodes = running > 0 && (_engine.ChunkedPrefill || r.Prefilling.Count == 0);
        if (r.Prefilling.Count > 0 && (budget > 0 || !decodes))
        {
            int room = Math.Max(budget, 1);
            foreach (int p in r.Prefilling)
            {
                int remaining = t[p].PromptTokens - t[p].Prefilled;
                int chunk = _engine.ChunkedPrefill ? Math.Min(remaining, room - prefillTokens) : remaining;
                if (chunk <= 0)
                {
                    break;
                }
                r.ChunkIds.Add(p);
                r.ChunkTokens.Add(chunk);
                pairs += (long)chunk * t[p].Prefilled + (long)chunk * (chunk + 1) / 2;
                prefillTokens += chunk;
            }
        }
        if (prefillTokens == 0 && running == 0)
        {
            r.Busy = false;
            return;
        }

        int steps = 1;
        double kvInUse;
        if (decodes)
        {
            // Make room for this step's new tokens, preempting the newest sequences if need be.
            while (r.Running.Count > 0 && r.KvTokensInUse + r.Running.Count + (r.Running.Count + r.Prefilling.Count) * FragmentationTokensPerSequence > _kvCapacityTokens)
            {
                Preempt(r);
            }
            kvInUse = r.KvTokensInUse;
            running = r.Running.Count;
            decodes = running > 0;
            if (decodes && prefillTokens == 0)
            {
                r.Running.TryPeek(out _, out double finish);
                double toFinish = Math.Max(1, Math.Round(finish - r.Steps));
                double headroom = _kvCapacityTokens - kvInUse - running * FragmentationTokensPerSequence;
                double kvSteps = Math.Max(1, Math.Floor(headroom / running));
                steps = (int)Math.Min(Math.Min(toFinish, kvSteps), int.MaxValue);
            }
            if (!decodes && prefillTokens == 0)
            {
                StartStep(r);
                return;
            }
        }
        else
        {
            kvInUse = r.KvTokensInUse;
        }
        long context = decodes ? (long)Math.Round(r.SumPromptTokens + running * (r.Steps + 1) - r.SumStartSteps) : 0;
        double stepSeconds = _profile.StepSeconds(new StepShape(prefillTokens, pairs, decodes ? running : 0, context));
        if (steps > 1)
        {
            // Each step adds one token per sequence; the mean of the first and last step's times is
            // the run's mean step time, exactly so when step time is linear in context.
            stepSeconds = (stepSeconds + _profile.StepSeconds(new StepShape(0, 0, running, context + (long)running * (steps - 1)))) / 2;
        }
        r.Busy = true;
        r.StepStart = _ctx.Now;
        r.StepSeconds = stepSeconds;
        r.StepCount = steps;
        r.StepDecodes = decodes;
        r.StepBatch = (decodes ? running : 0) + r.ChunkIds.Count;
        r.StepKvUtilization = kvInUse / _kvCapacityTokens;
        r.Version++;
        _ctx.Queue.Schedule(new SimEvent(_ctx.Now + steps * stepSeconds, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
    }

    /// <summary>Shortens a run of decode steps to end at the next step boundary.</summary>
    private void CutRun(Replica r)
    {
        int done = (int)Math.Floor((_ctx.Now - r.StepStart) / r.StepSeconds);
        int steps = Math.Clamp(done + 1, 1, r.StepCount);
        if (steps == r.StepCount)
        {
            return;
        }
        r.StepCount = steps;
        r.Version++;
        _ctx.Queue.Schedule(new SimEvent(r.StepStart + steps * r.StepSeconds, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
    }

    private void FinishStep(Replica r)
    {
        RequestTable t = _ctx.Requests;
        double duration = _ctx.Now - r.StepStart;
        WindowMetrics m = _ctx.Metrics;
        double w = duration * _ctx.Weight;
        m.BatchSizeSeconds[Math.Min(r.StepBatch, WindowMetrics.BatchBuckets - 1)] += w;
        m.KvUtilizationSeconds[(int)Math.Clamp(Math.Round(r.StepKvUtilization * 20), 0, 20)] += w;
        r.Busy = false;
        if (r.StepDecodes)
        {
            r.Steps += r.StepCount;
        }
        for (int i = 0; i < r.ChunkIds.Count; i++)
        {
            int id = r.ChunkIds[i];
            ref InFlightRequest q = ref t[id];
            q.Prefilled += r.ChunkTokens[i];
            if (q.Prefilled < q.PromptTokens)
            {
                continue;
            }
            r.Prefilling.Remove(id);
            r.PrefillReservedTokens -= q.PromptTokens;
            if (double.IsNaN(q.FirstTokenAt))
            {
                q.FirstTokenAt = _ctx.Now;
            }
            q.Generated++;
            if (q.Generated >= q.Output)
            {
                Finish(r, id);
                continue;
            }
            q.Phase = RequestTable.PhaseRunning;
            q.DecodeStartStep = r.Steps;
            r.SumPromptTokens += q.PromptTokens;
            r.SumStartSteps += r.Steps;
            r.Running.Enqueue(id, r.Steps + q.Output - q.Generated);
            LinkRunning(r, id);
        }
        while (r.Running.TryPeek(out int id, out double finish) && finish <= r.Steps + 1e-9)
        {
            r.Running.Dequeue();
            UnlinkRunning(r, id);
            ref InFlightRequest q = ref t[id];
            r.SumPromptTokens -= q.PromptTokens;
            r.SumStartSteps -= q.DecodeStartStep;
            q.Generated = q.Output;
            Finish(r, id);
        }
        if (r.State != ReplicaState.Stopped)
        {
            StartStep(r);
        }
    }

    /// <summary>Appends a request that starts decoding to the replica's running list (newest last).</summary>
    private void LinkRunning(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        t[id].OlderRunning = r.NewestRunning;
        t[id].NewerRunning = -1;
        if (r.NewestRunning >= 0)
        {
            t[r.NewestRunning].NewerRunning = id;
        }
        r.NewestRunning = id;
    }

    /// <summary>Takes a request that stops running (finished or preempted) out of the replica's running list.</summary>
    private void UnlinkRunning(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        int older = t[id].OlderRunning;
        int newer = t[id].NewerRunning;
        if (older >= 0)
        {
            t[older].NewerRunning = newer;
        }
        if (newer >= 0)
        {
            t[newer].OlderRunning = older;
        }
        else
        {
            r.NewestRunning = older;
        }
    }

    private void Finish(Replica r, int id)
    {
        _ctx.Complete(id);
        _outstandingTotal--;
        r.Outstanding--;
        Recount(r);
        if (r.State == ReplicaState.Draining && r.Outstanding == 0)
        {
            Stop(r);
        }
    }

    private void Preempt(Replica r)
    {
        RequestTable t = _ctx.Requests;
        // The newest running sequence is preempted first.
        int id = r.NewestRunning;
        UnlinkRunning(r, id);
        r.Running.Remove(id, out _, out _);
        ref InFlightRequest q = ref t[id];
        r.SumPromptTokens -= q.PromptTokens;
        r.SumStartSteps -= q.DecodeStartStep;
        q.Generated += (int)Math.Round(r.Steps - q.DecodeStartStep);
        q.PromptTokens = q.Input + q.Generated;
        q.Prefilled = 0;
        _ctx.Metrics.Preemptions += q.Weight;
        EnterQueue(id);
        PushWaiting(r, id, front: true);
    }

    // ---- replicas: life cycle, billing, spot --------------------------------------------------

    private Replica NewReplica(ReplicaState state)
    {
        bool spot = _option.Spot is SpotSpec s && LiveOnDemand() >= s.OnDemandBaseReplicas;
        Replica? r = null;
        foreach (Replica stopped in _replicas)
        {
            if (stopped.State == ReplicaState.Stopped)
            {
                r = stopped;
                break;
            }
        }
        if (r is null)
        {
            r = new Replica(_replicas.Count);
            _replicas.Add(r);
        }
        r.Reset(_ctx.Now, state, spot);
        Recount(r);
        if (spot && _option.Spot!.InterruptionsPerHour > 0)
        {
            double at = _ctx.Now + _ctx.Random.NextExponential() * 3600 / _option.Spot.InterruptionsPerHour;
            _ctx.Queue.Schedule(new SimEvent(Math.Max(_ctx.Now, at - _option.Spot.NoticeSeconds), EventKind.SpotNotice, r.Id, r.Lifetime), EventPhase.Capacity);
            _ctx.Queue.Schedule(new SimEvent(at, EventKind.SpotInterrupt, r.Id, r.Lifetime), EventPhase.Capacity);
        }
        return r;
    }

    private int LiveOnDemand()
    {
        int n = 0;
        foreach (Replica r in _replicas)
        {
            if (r.State != ReplicaState.Stopped && !r.IsSpot)
            {
                n++;
            }
        }
        return n;
    }

    private void StartReplica()
    {
        Replica r = NewReplica(ReplicaState.Starting);
        _ctx.Metrics.ColdStarts += _ctx.Weight;
        _ctx.Queue.Schedule(new SimEvent(_ctx.Now + _autoscaler!.ColdStartSeconds, EventKind.ReplicaReady, r.Id, r.Lifetime), EventPhase.Capacity);
    }

    private void BeginDrain(Replica r)
    {
        if (r.State == ReplicaState.Starting)
        {
            Stop(r);
            return;
        }
        if (r.State != ReplicaState.Ready)
        {
            return;
        }
        r.State = ReplicaState.Draining;
        Recount(r);
        // Requests still queued here go elsewhere; admitted ones finish if they can.
        while (r.Waiting.Count > 0)
        {
            int id = PopWaiting(r);
            r.Outstanding--;
            Route(id);
        }
        Recount(r);
        if (r.Outstanding == 0)
        {
            Stop(r);
        }
    }

    private void Interrupt(Replica r)
    {
        RequestTable t = _ctx.Requests;
        var lost = new List<int>(r.Outstanding);
        while (r.Waiting.Count > 0)
        {
            int id = PopWaiting(r);
            LeaveQueue(id);
            lost.Add(id);
        }
        lost.AddRange(r.Prefilling);
        while (r.Running.TryDequeue(out int id, out _))
        {
            t[id].Generated += (int)Math.Round(r.Steps - t[id].DecodeStartStep);
            lost.Add(id);
        }
        r.NewestRunning = -1;
        r.Outstanding = 0;
        Stop(r);
        foreach (int id in lost)
        {
            t[id].PromptTokens = t[id].Input + t[id].Generated;
            t[id].Prefilled = 0;
            _ctx.Metrics.RequeuedRequests += t[id].Weight;
            EnterQueue(id);
            Route(id);
        }
    }

    private void Stop(Replica r)
    {
        double life = _ctx.Now - r.ProvisionedAt;
        double granularity = _option.BillingGranularitySeconds;
        double rounding = (Math.Ceiling(life / granularity - 1e-9) * granularity - life) * _ctx.Weight;
        _ctx.Metrics.ReplicaSecondsRounding += rounding;
        if (r.IsSpot)
        {
            _ctx.Metrics.SpotReplicaSecondsBilled += rounding;
        }
        r.State = ReplicaState.Stopped;
        r.Busy = false;
        r.Version++;
        Recount(r);
    }

    /// <summary>Moves the replica between the billing categories the fleet counts, and updates its routing load.</summary>
    private void Recount(Replica r)
    {
        if (r.Id >= _routingLoad.Length)
        {
            Array.Resize(ref _routingLoad, Math.Max(r.Id + 1, 2 * _routingLoad.Length));
        }
        _routingLoad[r.Id] = r.State == ReplicaState.Ready ? r.Outstanding : int.MaxValue;
        int category = r.State switch
        {
            ReplicaState.Stopped => 0,
            ReplicaState.Starting => 1,
            _ => r.Outstanding > 0 ? 2 : 3,
        };
        if (category == r.Category)
        {
            return;
        }
        Adjust(r.Category, -1);
        Adjust(category, +1);
        if (r.IsSpot && (r.Category == 0) != (category == 0))
        {
            _spotLive += category == 0 ? -1 : 1;
        }
        r.Category = category;

        void Adjust(int c, int delta)
        {
            switch (c)
            {
                case 1: _starting += delta; break;
                case 2: _busy += delta; break;
                case 3: _idle += delta; break;
            }
        }
    }

    // ---- autoscaler ------------------------------------------------------------------------------

    private int ScheduledMinimum() =>
        _autoscaler?.ScheduledMinReplicas is { Count: 24 } schedule ? schedule[Math.Clamp(_ctx.Hour, 0, 23)] : 0;

    private void EvaluateAutoscaler()
    {
        AutoscalerSpec a = _autoscaler!;
        double interval = a.EvaluationIntervalSeconds;
        int ready = CountState(ReplicaState.Ready);
        int current = _starting + ready;
        double desiredRaw = a.Metric switch
        {
            AutoscalerMetric.Concurrency => _outstandingIntegral / interval / a.TargetValue,
            AutoscalerMetric.RequestRate => _arrivalsSinceTick / interval / a.TargetValue,
            AutoscalerMetric.QueueWait => QueueWaitDesired(a, current),
            _ => Math.Max(1, ready) * MeanKvUtilization() / a.TargetValue,
        };
        _outstandingIntegral = 0;
        _arrivalsSinceTick = 0;
        int desired = (int)Math.Ceiling(desiredRaw - 1e-9);
        if (_outstandingTotal > 0)
        {
            desired = Math.Max(desired, 1);
        }
        desired = Math.Clamp(desired, Math.Max(a.MinReplicas, ScheduledMinimum()), a.MaxReplicas);

        _desiredHistory.Enqueue((_ctx.Now, desired));
        while (_desiredHistory.Peek().Time < _ctx.Now - a.ScaleDownStabilizationSeconds)
        {
            _desiredHistory.Dequeue();
        }
        if (desired > current)
        {
            if (double.IsNaN(_demandAboveSince))
            {
                _demandAboveSince = _ctx.Now;
            }
            if (_ctx.Now - _demandAboveSince >= a.ScaleUpDelaySeconds)
            {
                for (int i = current; i < desired; i++)
                {
                    StartReplica();
                }
                _demandAboveSince = double.NaN;
            }
            return;
        }
        _demandAboveSince = double.NaN;
        int stabilized = 0;
        foreach ((double _, int d) in _desiredHistory)
        {
            stabilized = Math.Max(stabilized, d);
        }
        for (int excess = current - stabilized; excess > 0; excess--)
        {
            RemoveOneReplica();
        }
    }

    private double QueueWaitDesired(AutoscalerSpec a, int current)
    {
        double wait = QueueWaitSeconds;
        if (wait > a.TargetValue)
        {
            return Math.Max(current + 1, current * wait / a.TargetValue);
        }
        // Shrink one replica at a time once queues are short and some replica is idle.
        return wait < a.TargetValue / 10 && _idle > 0 ? current - 1 : current;
    }

    private double MeanKvUtilization()
    {
        double sum = 0;
        int n = 0;
        foreach (Replica r in _replicas)
        {
            if (r.State == ReplicaState.Ready)
            {
                sum += (r.KvTokensInUse + QueuedPromptTokens(r)) / _kvCapacityTokens;
                n++;
            }
        }
        return n == 0 ? (_unrouted.Count > 0 ? 1 : 0) : sum / n;
    }

    private void RemoveOneReplica()
    {
        // Stop a replica that is still starting first (it serves nothing yet), newest first;
        // otherwise drain the ready replica with the least work.
        for (int i = _replicas.Count - 1; i >= 0; i--)
        {
            if (_replicas[i].State == ReplicaState.Starting)
            {
                Stop(_replicas[i]);
                return;
            }
        }
        Replica? victim = null;
        foreach (Replica r in _replicas)
        {
            if (r.State == ReplicaState.Ready && (victim is null || r.Outstanding < victim.Outstanding || (r.Outstanding == victim.Outstanding && r.IsSpot && !victim.IsSpot)))
            {
                victim = r;
            }
        }
        if (victim is not null)
        {
            BeginDrain(victim);
        }
    }

    private bool AnyReady()
    {
        foreach (Replica r in _replicas)
        {
            if (r.State == ReplicaState.Ready)
            {
                return true;
            }
        }
        return false;
    }

    private int CountState(ReplicaState state)
    {
        int n = 0;
        foreach (Replica r in _replicas)
        {
            if (r.State == state)
            {
                n++;
            }
        }
        return n;
    }

    private void FlushSegment()
    {
        if (_segmentSeconds > 0)
        {
            _ctx.Metrics.Timeline.Add(new SegmentSample(_segmentHour, _segmentSeconds, _segmentWeight, _segmentArrivals, _segmentReplicaSeconds, _segmentQueuedSeconds));
        }
        _segmentArrivals = _segmentReplicaSeconds = _segmentQueuedSeconds = _segmentSeconds = 0;
    }
}
