using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// A self-hosted fleet: replicas running an iteration-level, continuously batched inference
/// engine, behind a router, sized by an autoscaler, with spot capacity. This class wires the
/// parts together and dispatches the simulation's events to them:
/// <see cref="Router"/> (which replica takes a request), <see cref="BatchScheduler"/> (each
/// replica's steps: admission, chunked prefill, decode, KV cache and preemption),
/// <see cref="ReplicaPool"/> (life cycle, billing and spot) and <see cref="Autoscaler"/>.
/// </summary>
public sealed class ServingFleet
{
    private readonly SelfHostedOptionSpec _option;
    private readonly SimulationContext _ctx;
    private readonly long _kvCapacityTokens;
    private readonly long _maxContextTokens;
    private readonly FleetLoad _load = new();
    private readonly Router _router;
    private readonly BatchScheduler _scheduler;
    private readonly ReplicaPool _pool;
    private readonly Autoscaler? _autoscaler;
    private readonly FleetTimeline _timeline;

    public ServingFleet(SelfHostedOptionSpec option, IPerformanceProfile profile, SimulationContext context)
    {
        _option = option ?? throw new ArgumentNullException(nameof(option));
        ArgumentNullException.ThrowIfNull(profile);
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        var footprint = ReplicaFootprint.Compute(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
        if (!footprint.Fits)
        {
            throw new ArgumentException(ReplicaFootprint.DescribeMisfit(option.Model, option.Gpu, option.GpusPerReplica, option.Engine), nameof(option));
        }
        _kvCapacityTokens = footprint.KvCapacityTokens;
        _maxContextTokens = option.Model.MaxContextTokens ?? long.MaxValue;
        var replicas = new List<Replica>();
        _router = new Router(option.Router, context, replicas, _kvCapacityTokens);
        _scheduler = new BatchScheduler(option.Engine, profile, context, _kvCapacityTokens, _router);
        _pool = new ReplicaPool(option, context, replicas, _router, _load);
        _router.Scheduler = _scheduler;
        _router.Pool = _pool;
        _scheduler.Pool = _pool;
        if (option.Autoscaler is not null)
        {
            _autoscaler = new Autoscaler(option.Autoscaler, context, _pool, _router, _load, _kvCapacityTokens);
        }
        _timeline = new FleetTimeline(context);
    }

    /// <summary>Whether a request of this prompt and answer is longer than the model serves (<see cref="ModelArchitectureSpec.MaxContextTokens"/>).</summary>
    public bool OverContext(int inputTokens, int outputTokens) => (long)inputTokens + outputTokens > _maxContextTokens;

    /// <summary>Replicas provisioned and not stopped (starting, ready or draining).</summary>
    public int LiveReplicas => _pool.Live;

    /// <summary>Mean time the requests now queued (not yet admitted) have waited.</summary>
    public double QueueWaitSeconds => _router.QueueWaitSeconds;

    public void Start()
    {
        _pool.Reset();
        _router.Reset();
        _load.Reset();
        _timeline.Reset();
        int initial = _option.FixedReplicas ?? _autoscaler!.InitialReplicas(_ctx.WarmStartReplicas);
        for (int i = 0; i < initial; i++)
        {
            _pool.AddReady();
        }
        _autoscaler?.Start(initial);
    }

    /// <summary>Integrates time-weighted state before the clock moves by <paramref name="dt"/>.</summary>
    public void Advance(double dt)
    {
        _pool.Advance(dt);
        _load.Advance(dt);
        _timeline.Advance(dt, _pool.Live, _pool.BilledGpus, _router.QueuedRequests);
    }

    /// <summary>Closes the previous segment's timeline sample.</summary>
    public void SegmentStarted(int hour) => _timeline.SegmentStarted(hour);

    public void End() => _timeline.Flush();

    /// <summary>Takes a request (new or re-queued) and routes it.</summary>
    public void Submit(int id, bool isNewArrival = true)
    {
        if (isNewArrival)
        {
            _timeline.Arrival();
        }
        RequestTable t = _ctx.Requests;
        if (t[id].Input + t[id].Output > _maxContextTokens)
        {
            // Longer than the model serves: the engine refuses it at once, as an API does.
            _ctx.Metrics.RejectedOverContext += t[id].Weight;
            _ctx.Reject(id);
            return;
        }
        if (t[id].Input + t[id].Output > _kvCapacityTokens)
        {
            _ctx.Reject(id);
            return;
        }
        if (isNewArrival)
        {
            // A request refused at once (above) asks for no capacity: a request-rate autoscaler
            // counts only those the fleet takes, or refusals alone would rent replicas.
            _load.Arrivals++;
            _load.Outstanding++;
        }
        _router.EnterQueue(id);
        _router.Route(id);
        _autoscaler?.RequestFoundNoReplica();
    }

    public void OnEvent(in SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ReplicaProgress:
            {
                Replica r = _pool.Replicas[e.Target];
                if (e.Version == r.Version)
                {
                    _scheduler.Progress(r);
                }
                break;
            }
            case EventKind.ReplicaReady:
                _pool.OnReady(_pool.Replicas[e.Target], e.Version);
                break;
            case EventKind.AutoscalerTick:
                _autoscaler!.Tick();
                break;
            case EventKind.SpotNotice:
                _pool.OnSpotNotice(e.Target, e.Version);
                break;
            case EventKind.SpotInterrupt:
                _pool.OnSpotInterrupt(e.Target, e.Version);
                break;
        }
    }
}
