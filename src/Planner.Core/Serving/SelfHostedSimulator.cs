using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Self-hosted serving: a fleet of replicas behind a least-outstanding-requests router, sized
/// by a fixed count or an autoscaler. Each replica runs prefill for newly admitted requests
/// (batched, decode paused meanwhile, as in an engine without chunked prefill) and decodes all
/// running sequences together, one token per step, with the step time of its performance
/// profile at the current batch size and context. Admission respects the batch-slot limit and
/// reserves each request's full KV footprint, so the foundation model never preempts.
/// Replicas are billed from provisioning until they stop, rounded up to the billing granularity.
/// </summary>
public sealed class SelfHostedSimulator : OptionSimulator
{
    private const int MaxPrefillTokensPerStep = 8192;
    private readonly SelfHostedOptionSpec _option;
    private readonly IPerformanceProfile _profile;
    private readonly long _kvCapacityTokens;
    private readonly int _maxSequences;
    private readonly AutoscalerSpec? _autoscaler;
    private readonly List<Replica> _replicas = [];
    private readonly IntRing _unrouted = new();
    private readonly Queue<(double Time, int Desired)> _desiredHistory = new();

    private double[] _arrivedAt = new double[256];
    private int[] _input = new int[256];
    private int[] _output = new int[256];
    private int[] _cached = new int[256];
    private double[] _weight = new double[256];
    private double[] _firstTokenAt = new double[256];
    private double[] _startSteps = new double[256];
    private int[] _replicaOf = new int[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _slotsUsed;

    private int _starting;
    private int _busy;
    private int _idle;
    private double _outstandingTotal;
    private double _outstandingIntegral;
    private double _arrivalsSinceTick;
    private double _demandAboveSince = double.NaN;

    public SelfHostedSimulator(SelfHostedOptionSpec option, WorkloadSpec workload, SloSpec slo, IPerformanceProfile profile)
        : base(workload, slo)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        var footprint = ReplicaFootprint.Compute(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
        if (!footprint.Fits)
        {
            throw new ArgumentException(ReplicaFootprint.DescribeMisfit(option.Model, option.Gpu, option.GpusPerReplica, option.Engine), nameof(option));
        }
        _kvCapacityTokens = footprint.KvCapacityTokens;
        _maxSequences = option.Engine.MaxConcurrentSequences;
        _autoscaler = option.Autoscaler;
    }

    /// <summary>Replicas that are not stopped (starting, ready or draining).</summary>
    public int LiveReplicas => _starting + _busy + _idle;

    protected override void OnStart()
    {
        _replicas.Clear();
        _unrouted.Clear();
        _desiredHistory.Clear();
        _freeCount = 0;
        _slotsUsed = 0;
        _starting = _busy = _idle = 0;
        _outstandingTotal = _outstandingIntegral = _arrivalsSinceTick = 0;
        _demandAboveSince = double.NaN;
        int initial = _option.FixedReplicas ?? _autoscaler!.MinReplicas;
        for (int i = 0; i < initial; i++)
        {
            Replica r = NewReplica(ReplicaState.Ready);
            _idle++;
            r.ProvisionedAt = 0;
        }
        Metrics.PeakReplicas = 0;
        if (_autoscaler is not null)
        {
            Queue.Schedule(new SimEvent(_autoscaler.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
        }
    }

    protected override void OnTimeAdvance(double deltaSeconds)
    {
        double w = CurrentWeight * deltaSeconds;
        Metrics.ReplicaSecondsColdStart += _starting * w;
        Metrics.ReplicaSecondsBusy += _busy * w;
        Metrics.ReplicaSecondsIdle += _idle * w;
        _outstandingIntegral += _outstandingTotal * deltaSeconds;
        if (CurrentWeight > 0 && LiveReplicas > Metrics.PeakReplicas)
        {
            Metrics.PeakReplicas = LiveReplicas;
        }
    }

    protected override void OnArrival(int inputTokens, int outputTokens, int cachedTokens)
    {
        _arrivalsSinceTick++;
        if (inputTokens + outputTokens > _kvCapacityTokens)
        {
            Metrics.RequestsRejected += CurrentWeight;
            return;
        }
        int id = AllocateRequest();
        _arrivedAt[id] = Now;
        _input[id] = inputTokens;
        _output[id] = outputTokens;
        _cached[id] = cachedTokens;
        _weight[id] = CurrentWeight;
        _outstandingTotal++;
        Route(id);
        if (_autoscaler is not null && _starting + _busy + _idle == 0)
        {
            // Scale from zero at once: the request's wait for the cold start shows in its TTFT.
            StartReplica();
        }
    }

    protected override void OnEvent(in SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ReplicaProgress:
                Replica r = _replicas[e.Target];
                if (e.Version == r.Version && r.State is ReplicaState.Ready or ReplicaState.Draining)
                {
                    Progress(r);
                }
                break;
            case EventKind.ReplicaReady:
                Replica starting = _replicas[e.Target];
                if (starting.State == ReplicaState.Starting && e.Version == starting.Version)
                {
                    starting.State = ReplicaState.Ready;
                    _starting--;
                    _idle++;
                    while (_unrouted.Count > 0)
                    {
                        Route(_unrouted.Dequeue());
                    }
                }
                break;
            case EventKind.AutoscalerTick:
                EvaluateAutoscaler();
                Queue.Schedule(new SimEvent(Now + _autoscaler!.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
                break;
        }
    }

    protected override void OnEnd()
    {
        for (int id = 0; id < _slotsUsed; id++)
        {
            if (_replicaOf[id] != int.MinValue)
            {
                Metrics.RequestsInFlightAtEnd += _weight[id];
            }
        }
    }

    private void Route(int id)
    {
        Replica? best = null;
        foreach (Replica r in _replicas)
        {
            if (r.State == ReplicaState.Ready && (best is null || r.Outstanding < best.Outstanding))
            {
                best = r;
            }
        }
        if (best is null)
        {
            _replicaOf[id] = -1;
            _unrouted.Enqueue(id);
            return;
        }
        _replicaOf[id] = best.Id;
        if (best.Outstanding++ == 0)
        {
            _idle--;
            _busy++;
        }
        best.Waiting.Enqueue(id);
        if (!best.Prefilling)
        {
            AdvanceDecode(best);
            Schedule(best);
        }
    }

    private void Progress(Replica r)
    {
        if (r.Prefilling)
        {
            r.Prefilling = false;
            foreach (int id in r.PrefillBatch)
            {
                _firstTokenAt[id] = Now;
                if (_output[id] <= 1)
                {
                    Complete(r, id);
                    continue;
                }
                _startSteps[id] = r.Steps;
                r.SumInputTokens += _input[id];
                r.SumStartSteps += r.Steps;
                r.Decoding.Enqueue(id, r.Steps + _output[id] - 1);
            }
            r.PrefillBatch.Clear();
            r.StepsUpdatedAt = Now;
        }
        else
        {
            AdvanceDecode(r);
            while (r.Decoding.TryPeek(out int id, out double finish) && finish <= r.Steps + 1e-9)
            {
                r.Decoding.Dequeue();
                r.SumInputTokens -= _input[id];
                r.SumStartSteps -= _startSteps[id];
                Complete(r, id);
            }
        }
        if (r.State != ReplicaState.Stopped)
        {
            Schedule(r);
        }
    }

    private void AdvanceDecode(Replica r)
    {
        if (r.Decoding.Count > 0 && r.CurrentStepSeconds > 0)
        {
            r.Steps += (Now - r.StepsUpdatedAt) / r.CurrentStepSeconds;
        }
        r.StepsUpdatedAt = Now;
    }

    /// <summary>Picks the replica's next piece of work and schedules its end.</summary>
    private void Schedule(Replica r)
    {
        r.Version++;
        int running = r.Decoding.Count;
        int prefillTokens = 0;
        long pairs = 0;
        while (r.Waiting.Count > 0)
        {
            int id = r.Waiting.Peek();
            int newTokens = Math.Max(1, _input[id] - _cached[id]);
            bool fitsStep = r.PrefillBatch.Count == 0 || prefillTokens + newTokens <= MaxPrefillTokensPerStep;
            if (running + r.PrefillBatch.Count >= _maxSequences || r.ReservedKvTokens + _input[id] + _output[id] > _kvCapacityTokens || !fitsStep)
            {
                break;
            }
            r.Waiting.Dequeue();
            r.PrefillBatch.Add(id);
            r.ReservedKvTokens += _input[id] + _output[id];
            prefillTokens += newTokens;
            pairs += (long)newTokens * _cached[id] + (long)newTokens * (newTokens + 1) / 2;
        }
        if (r.PrefillBatch.Count > 0)
        {
            r.Prefilling = true;
            r.PrefillEndsAt = Now + _profile.StepSeconds(new StepShape(prefillTokens, pairs, 0, 0));
            Queue.Schedule(new SimEvent(r.PrefillEndsAt, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
            return;
        }
        if (running > 0)
        {
            long context = r.SumInputTokens + (long)(running * (r.Steps + 1) - r.SumStartSteps);
            r.CurrentStepSeconds = _profile.StepSeconds(new StepShape(0, 0, running, context));
            r.Decoding.TryPeek(out _, out double finish);
            double next = Now + Math.Max(0, finish - r.Steps) * r.CurrentStepSeconds;
            Queue.Schedule(new SimEvent(next, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
        }
    }

    private void Complete(Replica r, int id)
    {
        double ttft = _firstTokenAt[id] - _arrivedAt[id];
        double e2e = Now - _arrivedAt[id];
        double w = _weight[id];
        Slo.Record(Metrics, w, ttft, e2e, _output[id]);
        Metrics.InputTokens += w * _input[id];
        Metrics.CachedInputTokens += w * _cached[id];
        Metrics.OutputTokens += w * _output[id];
        r.ReservedKvTokens -= _input[id] + _output[id];
        _outstandingTotal--;
        ReleaseRequest(id);
        if (--r.Outstanding == 0)
        {
            _busy--;
            if (r.State == ReplicaState.Draining)
            {
                Stop(r);
            }
            else
            {
                _idle++;
            }
        }
    }

    private void EvaluateAutoscaler()
    {
        AutoscalerSpec a = _autoscaler!;
        double interval = a.EvaluationIntervalSeconds;
        double value = a.Metric == AutoscalerMetric.Concurrency
            ? _outstandingIntegral / interval
            : _arrivalsSinceTick / interval;
        _outstandingIntegral = 0;
        _arrivalsSinceTick = 0;
        int desired = (int)Math.Ceiling(value / a.TargetValue - 1e-9);
        if (_outstandingTotal > 0)
        {
            desired = Math.Max(desired, 1);
        }
        desired = Math.Clamp(desired, a.MinReplicas, a.MaxReplicas);

        _desiredHistory.Enqueue((Now, desired));
        while (_desiredHistory.Peek().Time < Now - a.ScaleDownStabilizationSeconds)
        {
            _desiredHistory.Dequeue();
        }
        int current = _starting + CountReplicas(ReplicaState.Ready);
        if (desired > current)
        {
            if (double.IsNaN(_demandAboveSince))
            {
                _demandAboveSince = Now;
            }
            if (Now - _demandAboveSince >= a.ScaleUpDelaySeconds)
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

    private void RemoveOneReplica()
    {
        // Stop a replica that is still starting first (it serves nothing yet), newest first;
        // otherwise drain the ready replica with the least work.
        for (int i = _replicas.Count - 1; i >= 0; i--)
        {
            if (_replicas[i].State == ReplicaState.Starting)
            {
                _starting--;
                Stop(_replicas[i]);
                return;
            }
        }
        Replica? victim = null;
        foreach (Replica r in _replicas)
        {
            if (r.State == ReplicaState.Ready && (victim is null || r.Outstanding < victim.Outstanding))
            {
                victim = r;
            }
        }
        if (victim is null)
        {
            return;
        }
        victim.State = ReplicaState.Draining;
        if (victim.Outstanding == 0)
        {
            _idle--;
            Stop(victim);
        }
    }

    private void StartReplica()
    {
        Replica r = NewReplica(ReplicaState.Starting);
        _starting++;
        Metrics.ColdStarts += CurrentWeight;
        Queue.Schedule(new SimEvent(Now + _autoscaler!.ColdStartSeconds, EventKind.ReplicaReady, r.Id, r.Version), EventPhase.Capacity);
    }

    private Replica NewReplica(ReplicaState state)
    {
        foreach (Replica stopped in _replicas)
        {
            if (stopped.State == ReplicaState.Stopped)
            {
                stopped.Reset(Now, state);
                return stopped;
            }
        }
        var r = new Replica(_replicas.Count);
        r.Reset(Now, state);
        _replicas.Add(r);
        return r;
    }

    private void Stop(Replica r)
    {
        double life = Now - r.ProvisionedAt;
        double granularity = _option.BillingGranularitySeconds;
        double billed = Math.Ceiling(life / granularity - 1e-9) * granularity;
        Metrics.ReplicaSecondsRounding += (billed - life) * CurrentWeight;
        r.State = ReplicaState.Stopped;
        r.Version++;
    }

    private int CountReplicas(ReplicaState state)
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

    private int AllocateRequest()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }
        if (_slotsUsed == _arrivedAt.Length)
        {
            int size = _slotsUsed * 2;
            Array.Resize(ref _arrivedAt, size);
            Array.Resize(ref _input, size);
            Array.Resize(ref _output, size);
            Array.Resize(ref _cached, size);
            Array.Resize(ref _weight, size);
            Array.Resize(ref _firstTokenAt, size);
            Array.Resize(ref _startSteps, size);
            Array.Resize(ref _replicaOf, size);
            Array.Resize(ref _freeSlots, size);
        }
        return _slotsUsed++;
    }

    private void ReleaseRequest(int id)
    {
        _replicaOf[id] = int.MinValue;
        _freeSlots[_freeCount++] = id;
    }
}
