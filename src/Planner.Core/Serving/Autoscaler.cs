using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Sizes the fleet every evaluation interval from its metric (in-flight requests, request rate,
/// queue wait or KV-cache use per replica): scales up once demand has stayed above capacity for
/// the scale-up delay, and down only to the highest count desired over the stabilisation
/// window; honours the bounds and the hourly minimum schedule, and starts a replica at once when
/// a request finds none.
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

    public Autoscaler(AutoscalerSpec spec, SimulationContext context, ReplicaPool pool, Router router, FleetLoad load, long kvCapacityTokens)
    {
        _spec = spec;
        _ctx = context;
        _pool = pool;
        _router = router;
        _load = load;
        _kvCapacityTokens = kvCapacityTokens;
    }

    /// <summary>Replicas to have ready when the window starts.</summary>
    public int InitialReplicas => Math.Max(_spec.MinReplicas, ScheduledMinimum());

    /// <summary>Clears the history and schedules the first evaluation.</summary>
    public void Start()
    {
        _desiredHistory.Clear();
        _demandAboveSince = double.NaN;
        _ctx.Queue.Schedule(new SimEvent(_spec.EvaluationIntervalSeconds, EventKind.AutoscalerTick, 0, 0), EventPhase.Control);
    }

    /// <summary>A request arrived and no replica is ready or starting: scale from zero at once (its wait shows in its TTFT).</summary>
    public void RequestFoundNoReplica()
    {
        if (_pool.Starting == 0 && !_pool.AnyReady())
        {
            _pool.StartReplica();
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
        double interval = a.EvaluationIntervalSeconds;
        int ready = _pool.Count(ReplicaState.Ready);
        int current = _pool.Starting + ready;
        double desiredRaw = a.Metric switch
        {
            AutoscalerMetric.Concurrency => _load.OutstandingIntegral / interval / a.TargetValue,
            AutoscalerMetric.RequestRate => _load.ArrivalsSinceTick / interval / a.TargetValue,
            AutoscalerMetric.QueueWait => QueueWaitDesired(current),
            _ => Math.Max(1, ready) * MeanKvUtilization() / a.TargetValue,
        };
        _load.ClearInterval();
        int desired = (int)Math.Ceiling(desiredRaw - 1e-9);
        if (_load.Outstanding > 0)
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
        if (wait > _spec.TargetValue)
        {
            return Math.Max(current + 1, current * wait / _spec.TargetValue);
        }
        // Shrink one replica at a time once queues are short and some replica is idle.
        return wait < _spec.TargetValue / 10 && _pool.Idle > 0 ? current - 1 : current;
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
