using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Sizes the fleet every evaluation interval from its metric (in-flight requests, request rate,
/// queue wait or KV-cache use per replica), as Kubernetes' horizontal autoscaler does with
/// stabilisation windows both ways: it scales up once demand has stayed above capacity for the
/// scale-up delay, to the lowest count desired over that time (what the demand sustained, not its
/// latest burst), and down only to the highest count desired over the stabilisation window;
/// honours the bounds and the hourly minimum schedule, and starts a replica at once when a request
/// finds none. While the metric stays within <see cref="AutoscalerSpec.Tolerance"/> of its target
/// the fleet is left alone. Capacity comes in billing units (<see cref="InstancePacking"/>): where
/// an instance holds several replicas, the autoscaler adds and removes whole instances, each run
/// full (its GPUs are paid for either way), so every count it desires is rounded up to whole
/// instances, within the maximum.
/// </summary>
internal sealed class Autoscaler
{
    private readonly AutoscalerSpec _spec;
    private readonly SimulationContext _ctx;
    private readonly ReplicaPool _pool;
    private readonly Router _router;
    private readonly FleetLoad _load;
    private readonly long _kvCapacityTokens;
    private readonly Queue<(double Time, int Desired)> _desiredHistory = new();
    private double _demandAboveSince = double.NaN;
    private int _sustainedDesired = int.MaxValue;
    /// <summary>Running totals of the load at past evaluations (simulated time, ∫ outstanding, arrivals), for the measurement window.</summary>
    private readonly Queue<(double Time, double Integral, double Arrivals)> _loadHistory = new();

    public Autoscaler(AutoscalerSpec spec, SimulationContext context, ReplicaPool pool, Router router, FleetLoad load, long kvCapacityTokens)
    {
        _spec = spec;
        _ctx = context;
        _pool = pool;
        _router = router;
        _load = load;
        _kvCapacityTokens = kvCapacityTokens;
    }

    /// <summary>
    /// Replicas to have ready when the window starts: <paramref name="warm"/> (the fleet the load
    /// at the start is expected to hold), within the bounds and the hourly minimum; else the minimum.
    /// </summary>
    public int InitialReplicas(int? warm) =>
        WholeUnits(Math.Clamp(warm ?? 0, Math.Max(_spec.MinReplicas, ScheduledMinimum()), Math.Max(_spec.MaxReplicas, Math.Max(_spec.MinReplicas, ScheduledMinimum()))));

    /// <summary><paramref name="replicas"/> rounded up to whole billing units, and no more than the maximum allows.</summary>
    private int WholeUnits(int replicas)
    {
        int perUnit = _pool.ReplicasPerUnit;
        if (perUnit == 1)
        {
            return replicas;
        }
        int whole = (replicas + perUnit - 1) / perUnit * perUnit;
        return Math.Max(replicas, Math.Min(whole, _spec.MaxReplicas));
    }

    /// <summary>
    /// Starts a window with <paramref name="initialReplicas"/> running, as if they had been desired
    /// for the whole stabilisation window (a warm fleet does not shrink before its load has been
    /// measured), and schedules the first evaluation.
    /// </summary>
    public void Start(int initialReplicas)
    {
        _desiredHistory.Clear();
        _desiredHistory.Enqueue((0, initialReplicas));
        _demandAboveSince = double.NaN;
        _sustainedDesired = int.MaxValue;
        _loadHistory.Clear();
        _loadHistory.Enqueue((0, 0, 0));
        _ctx.Queue.Schedule(new SimEvent(_spec.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
    }

    /// <summary>A request arrived and no replica is ready or starting: scale from zero at once (its wait shows in its TTFT).</summary>
    public void RequestFoundNoReplica()
    {
        if (_pool.Starting == 0 && !_pool.AnyReady())
        {
            for (int i = WholeUnits(1); i > 0; i--)
            {
                _pool.StartReplica();
            }
        }
    }

    /// <summary>Evaluates and schedules the next evaluation.</summary>
    public void Tick()
    {
        Evaluate();
        _ctx.Queue.Schedule(new SimEvent(_ctx.Now + _spec.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
    }

    private int ScheduledMinimum() =>
        _spec.ScheduledMinReplicas is { Count: 24 } schedule ? schedule[Math.Clamp(_ctx.Hour, 0, 23)] : 0;

    private void Evaluate()
    {
        AutoscalerSpec a = _spec;
        // The metric is the mean over the last evaluation interval; a 1/k slice of a fleet averages
        // over k intervals, so that its smaller share of the traffic is no noisier than the whole
        // fleet's (noise alone would make an autoscaler that scales up faster than it scales down
        // hold more replicas).
        double window = a.EvaluationIntervalSeconds * _ctx.SliceFactor;
        while (_loadHistory.Count > 1 && _loadHistory.ElementAt(1).Time <= _ctx.Now - window + 1e-9)
        {
            _loadHistory.Dequeue();
        }
        (double since, double integralThen, double arrivalsThen) = _loadHistory.Peek();
        double interval = Math.Max(_ctx.Now - since, 1e-9);
        double outstandingMean = (_load.OutstandingIntegral - integralThen) / interval;
        double arrivalRate = (_load.Arrivals - arrivalsThen) / interval;
        _loadHistory.Enqueue((_ctx.Now, _load.OutstandingIntegral, _load.Arrivals));
        double now = _ctx.Now;
        int ready = _pool.Count(ReplicaState.Ready);
        int current = _pool.Starting + ready;
        double desiredRaw = a.Metric switch
        {
            AutoscalerMetric.Concurrency => outstandingMean / a.TargetValue,
            AutoscalerMetric.RequestRate => arrivalRate / a.TargetValue,
            AutoscalerMetric.QueueWait => QueueWaitDesired(current),
            _ => Math.Max(1, ready) * MeanKvUtilization() / a.TargetValue,
        };
        int desired = (int)Math.Ceiling(desiredRaw - 1e-9);
        if (a.Metric != AutoscalerMetric.QueueWait && current > 0 && Math.Abs(desiredRaw / current - 1) <= a.Tolerance)
        {
            // Within the tolerance of the target: no change.
            desired = current;
        }
        if (_load.Outstanding > 0)
        {
            desired = Math.Max(desired, 1);
        }
        desired = WholeUnits(Math.Clamp(desired, Math.Max(a.MinReplicas, ScheduledMinimum()), a.MaxReplicas));

        _desiredHistory.Enqueue((now, desired));
        while (_desiredHistory.Peek().Time < now - a.ScaleDownStabilizationSeconds)
        {
            _desiredHistory.Dequeue();
        }
        if (desired > current)
        {
            if (double.IsNaN(_demandAboveSince))
            {
                _demandAboveSince = now;
                _sustainedDesired = int.MaxValue;
            }
            _sustainedDesired = Math.Min(_sustainedDesired, desired);
            if (now - _demandAboveSince >= a.ScaleUpDelaySeconds - 1e-9)
            {
                for (int i = current; i < _sustainedDesired; i++)
                {
                    _pool.StartReplica();
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
            _pool.RemoveOne();
        }
    }

    private double QueueWaitDesired(int current)
    {
        double wait = _router.QueueWaitSeconds;
        int step = _pool.ReplicasPerUnit;
        if (wait > _spec.TargetValue)
        {
            return Math.Max(current + 1, current * wait / _spec.TargetValue);
        }
        // Shrink one instance at a time once queues are short and an instance's worth of replicas is idle.
        return wait < _spec.TargetValue / 10 && _pool.Idle >= step ? current - step : current;
    }

    private double MeanKvUtilization()
    {
        double sum = 0;
        int n = 0;
        foreach (Replica r in _pool.Replicas)
        {
            if (r.State == ReplicaState.Ready)
            {
                sum += (r.KvTokensInUse + r.WaitingPromptTokens) / _kvCapacityTokens;
                n++;
            }
        }
        return n == 0 ? (_router.Unrouted > 0 ? 1 : 0) : sum / n;
    }
}
