using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// The replicas' life cycle and what it bills: replicas are placed on instances
/// (<see cref="InstancePacking"/>), filling a running instance's free slots before a new one is
/// provisioned; a replica is ready after the cold start on a new instance, or after the weight
/// load on one that is already up; when an instance's last replica stops, the instance stops. An
/// autoscaler asks for whole instances' worth of replicas (<see cref="Autoscaler"/>), and
/// <see cref="RemoveOne"/> drains spot instances before the on-demand base, and among those the
/// instance with the fewest active replicas, so instances are started full and drained whole.
/// Instances are billed whole, by the second, with each lifetime rounded up to the billing
/// granularity; their GPU time is counted by <see cref="BillingCategory"/> of the replicas on
/// them, and GPUs that hold no replica are counted as stranded; an instance provisioned for a
/// replica is cold, all of it, until that replica is ready. Provisioning, weight loads and spot
/// interruptions run at the fleet's pace (<see cref="SimulationContext.TimeScale"/>). Spot instances sit above an
/// on-demand base (rounded up to whole instances), with their notices and interruptions; a
/// fixed-size fleet replaces a spot replica when its notice comes, as a cloud's instance group does.
/// </summary>
internal sealed class ReplicaPool
{
    private readonly SelfHostedOptionSpec _option;
    private readonly SimulationContext _ctx;
    private readonly Router _router;
    private readonly FleetLoad _load;
    private readonly InstancePacking _packing;
    private readonly double _coldStartSeconds;
    private readonly double _weightLoadSeconds;
    private readonly List<Instance> _instances = [];
    private int _starting, _busy, _idle, _liveUnits, _spotUnits;
    // Units provisioned for a replica that is not ready yet, and the replicas starting on them.
    private int _provisioningUnits, _spotProvisioningUnits, _startingOnProvisioning;
    private readonly CompressedChurn _churn;

    public ReplicaPool(SelfHostedOptionSpec option, SimulationContext context, List<Replica> replicas, Router router, FleetLoad load)
    {
        _option = option;
        _ctx = context;
        Replicas = replicas;
        _router = router;
        _load = load;
        _packing = InstancePacking.Of(option);
        _coldStartSeconds = option.Autoscaler?.ColdStartSeconds ?? 0;
        // A replica added to an instance that is already up only loads its weights; when the
        // scenario gives the cold start as one figure, all of it is assumed to be weight load.
        _weightLoadSeconds = option.Autoscaler?.WeightLoadSeconds ?? _coldStartSeconds;
        _churn = new CompressedChurn(context, _coldStartSeconds * option.GpusPerReplica);
    }

    /// <summary>Every replica ever provisioned in this window, by id; stopped ones are reused.</summary>
    public List<Replica> Replicas { get; }

    /// <summary>Replicas provisioned and not stopped (starting, ready or draining).</summary>
    public int Live => _starting + _busy + _idle;

    /// <summary>Replicas provisioning or loading weights.</summary>
    public int Starting => _starting;

    /// <summary>Ready or draining replicas with nothing to serve.</summary>
    public int Idle => _idle;

    public void Reset()
    {
        Replicas.Clear();
        _instances.Clear();
        _starting = _busy = _idle = _liveUnits = _spotUnits = 0;
        _provisioningUnits = _spotProvisioningUnits = _startingOnProvisioning = 0;
        _churn.Reset();
    }

    /// <summary>Integrates billed GPU time by category before the clock moves by <paramref name="dt"/>.</summary>
    public void Advance(double dt)
    {
        double w = _ctx.Weight * dt;
        WindowMetrics m = _ctx.Metrics;
        int k = _option.GpusPerReplica;
        int g = _packing.GpusPerUnit;
        int live = Live;
        int upUnits = _liveUnits - _provisioningUnits;
        m.GpuSecondsColdStart += (_provisioningUnits * g + (_starting - _startingOnProvisioning) * k) * w;
        m.GpuSecondsBusy += _busy * k * w;
        m.GpuSecondsIdle += _idle * k * w;
        m.GpuSecondsStranded += (upUnits * g - (live - _startingOnProvisioning) * k) * w;
        if (_spotUnits > 0)
        {
            // Provisioning spot units are spot units too.
            m.SpotGpuSecondsBilled += _spotUnits * g * w;
            m.SpotGpuSecondsColdStart += _spotProvisioningUnits * g * w;
        }
        m.ReplicaSeconds += live * w;
        m.InstanceSeconds += _liveUnits * _packing.InstancesPerUnit * w;
        if (_liveUnits == 0)
        {
            m.FleetAtZeroSeconds += w;
        }
        if (_ctx.Weight > 0)
        {
            // A slice's peak stands for the whole fleet's.
            m.PeakReplicas = Math.Max(m.PeakReplicas, live * _ctx.SliceFactor);
            m.PeakInstances = Math.Max(m.PeakInstances, _liveUnits * _packing.InstancesPerUnit * _ctx.SliceFactor);
        }
    }

    /// <summary>Replicas one billing unit holds: the step the autoscaler adds and removes capacity in.</summary>
    public int ReplicasPerUnit => _packing.ReplicasPerUnit;

    /// <summary>GPUs billed right now.</summary>
    public int BilledGpus => _liveUnits * _packing.GpusPerUnit;

    /// <summary>A replica that is ready now, as at the start of a window.</summary>
    public Replica AddReady() => Add(ReplicaState.Ready, out _);

    /// <summary>The autoscaler adds a replica: ready after its cold start (or weight load, on an instance already up).</summary>
    public void StartReplica()
    {
        _churn.Started();
        Provision();
    }

    /// <summary>Provisions a replica that is ready after its cold start (or weight load, on an instance already up).</summary>
    private void Provision()
    {
        Replica r = Add(ReplicaState.Starting, out double readyAt);
        _ctx.Metrics.ColdStarts += _ctx.EventWeight;
        _ctx.Queue.Schedule(new SimEvent(readyAt, EventKind.ReplicaReady, r.Id, r.Lifetime), EventPhase.Capacity);
    }

    /// <summary>A cold start ended.</summary>
    public void OnReady(Replica r, int lifetime)
    {
        if (r.State == ReplicaState.Starting && lifetime == r.Lifetime)
        {
            MarkUp(r.Host!);
            r.State = ReplicaState.Ready;
            Recount(r);
            _router.RouteHeld();
        }
    }

    /// <summary>The unit serves from now: its starting replicas are no longer on a unit being provisioned.</summary>
    private void MarkUp(Instance host)
    {
        if (host.Up)
        {
            return;
        }
        foreach (Replica other in Replicas)
        {
            if (other.Host == host && other.State == ReplicaState.Starting)
            {
                _startingOnProvisioning--;
            }
        }
        host.Up = true;
        _provisioningUnits--;
        if (host.IsSpot)
        {
            _spotProvisioningUnits--;
        }
    }

    /// <summary>A spot instance's interruption notice: its replicas stop taking requests (and a fixed fleet orders their replacements).</summary>
    public void OnSpotNotice(int instanceId, int lifetime)
    {
        Instance host = _instances[instanceId];
        if (lifetime != host.Lifetime || !host.Live)
        {
            return;
        }
        _ctx.Metrics.SpotInterruptions += _ctx.EventWeight;
        host.Leaving = true;
        foreach (Replica r in ReplicasOn(host))
        {
            BeginDrain(r);
            if (_option.FixedReplicas is not null)
            {
                Provision();
            }
        }
    }

    /// <summary>A spot instance is taken away with whatever its replicas still hold.</summary>
    public void OnSpotInterrupt(int instanceId, int lifetime)
    {
        Instance host = _instances[instanceId];
        if (lifetime != host.Lifetime || !host.Live)
        {
            return;
        }
        foreach (Replica r in ReplicasOn(host))
        {
            Interrupt(r);
        }
    }

    /// <summary>A request finished on <paramref name="r"/>: record it and stop the replica if it was draining its last one.</summary>
    public void Finished(Replica r, int id)
    {
        _ctx.Complete(id);
        _load.Outstanding--;
        r.Outstanding--;
        Recount(r);
        if (r.State == ReplicaState.Draining && r.Outstanding == 0)
        {
            Stop(r);
        }
    }

    /// <summary>
    /// Scale-down by one. A replica still starting goes first (it serves nothing yet); otherwise a
    /// ready one drains. Among them, a spot one before any on demand (the on-demand base is kept),
    /// then one on the instance with the fewest replicas still starting or serving (so that scaling
    /// down by a whole instance drains one instance, which then stops), then the one with the least
    /// work, the newest starting one first.
    /// </summary>
    public void RemoveOne()
    {
        int[] active = ActiveByInstance();
        Replica? starting = null;
        for (int i = Replicas.Count - 1; i >= 0; i--)
        {
            Replica r = Replicas[i];
            if (r.State == ReplicaState.Starting && (starting is null || StopsBefore(r, starting, active)))
            {
                starting = r;
            }
        }
        if (starting is not null)
        {
            _churn.Stopped();
            Stop(starting);
            return;
        }
        Replica? victim = null;
        foreach (Replica r in Replicas)
        {
            if (r.State == ReplicaState.Ready && (victim is null || DrainsBefore(r, victim, active)))
            {
                victim = r;
            }
        }
        if (victim is not null)
        {
            _churn.Stopped();
            BeginDrain(victim);
        }
    }

    /// <summary>
    /// Which ready replica scaling in drains first: a spot one before any on demand, as the on-demand
    /// base is what is kept (a cloud's instance group keeps its on-demand base capacity and scales in
    /// the spot instances above it); then the one on the instance with the fewest active replicas, so
    /// that instances drain whole; then the one with the least work in flight.
    /// </summary>
    private static bool DrainsBefore(Replica r, Replica than, int[] active)
    {
        if (r.IsSpot != than.IsSpot)
        {
            return r.IsSpot;
        }
        if (active[r.Host!.Id] != active[than.Host!.Id])
        {
            return active[r.Host.Id] < active[than.Host.Id];
        }
        return r.Outstanding < than.Outstanding;
    }

    /// <summary>Which starting replica scaling in stops first: a spot one before any on demand, then the one on the instance with the fewest active replicas.</summary>
    private static bool StopsBefore(Replica r, Replica than, int[] active) =>
        r.IsSpot != than.IsSpot ? r.IsSpot : active[r.Host!.Id] < active[than.Host!.Id];

    /// <summary>Replicas starting or ready (not draining) on each instance, by instance id.</summary>
    private int[] ActiveByInstance()
    {
        var active = new int[_instances.Count];
        foreach (Replica r in Replicas)
        {
            if (r.State is ReplicaState.Starting or ReplicaState.Ready)
            {
                active[r.Host!.Id]++;
            }
        }
        return active;
    }

    public bool AnyReady()
    {
        foreach (Replica r in Replicas)
        {
            if (r.State == ReplicaState.Ready)
            {
                return true;
            }
        }
        return false;
    }

    public int Count(ReplicaState state)
    {
        int n = 0;
        foreach (Replica r in Replicas)
        {
            if (r.State == state)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// Places a new replica: on the fullest running instance of its kind (spot or on-demand) with
    /// a free slot, else on a newly provisioned one; <paramref name="readyAt"/> is when its cold
    /// start ends.
    /// </summary>
    private Replica Add(ReplicaState state, out double readyAt)
    {
        // The on-demand base fills whole instances: slots already paid for are not left for spot.
        bool spot = _option.Spot is SpotSpec s && LiveOnDemand() >= _packing.UnitsFor(s.OnDemandBaseReplicas) * _packing.ReplicasPerUnit;
        Instance? host = null;
        foreach (Instance i in _instances)
        {
            if (i.Live && !i.Leaving && i.IsSpot == spot && i.Occupied < _packing.ReplicasPerUnit && (host is null || i.Occupied > host.Occupied))
            {
                host = i;
            }
        }
        // Provisioning and weight loads run at the fleet's pace (faster in a compressed hour), hour
        // by hour: one that spans a real-time hour and a compressed one takes its real length.
        if (host is not null)
        {
            readyAt = _ctx.AfterRealSeconds(Math.Max(host.ReadyAt, _ctx.Now), _weightLoadSeconds);
        }
        else
        {
            double up = _ctx.AfterRealSeconds(_ctx.Now, _coldStartSeconds - _weightLoadSeconds);
            readyAt = _ctx.AfterRealSeconds(up, _weightLoadSeconds);
            host = Provision(spot, state == ReplicaState.Ready ? _ctx.Now : up);
        }
        host.Occupied++;
        Replica? r = null;
        foreach (Replica stopped in Replicas)
        {
            if (stopped.State == ReplicaState.Stopped)
            {
                r = stopped;
                break;
            }
        }
        if (r is null)
        {
            r = new Replica(Replicas.Count);
            Replicas.Add(r);
        }
        r.Reset(state, host);
        if (state == ReplicaState.Ready)
        {
            MarkUp(host);
        }
        else if (!host.Up)
        {
            _startingOnProvisioning++;
        }
        Recount(r);
        return r;
    }

    private Instance Provision(bool spot, double readyAt)
    {
        Instance? unit = null;
        foreach (Instance stopped in _instances)
        {
            if (!stopped.Live)
            {
                unit = stopped;
                break;
            }
        }
        if (unit is null)
        {
            unit = new Instance(_instances.Count);
            _instances.Add(unit);
        }
        unit.Reset(_ctx.Now, Math.Max(_ctx.Now, readyAt), spot);
        _liveUnits++;
        _provisioningUnits++;
        if (spot)
        {
            _spotProvisioningUnits++;
        }
        if (spot)
        {
            _spotUnits++;
            if (_option.Spot!.InterruptionsPerHour > 0)
            {
                // An exponential life in real seconds, run at each hour's pace, and its notice before it.
                double at = _ctx.AfterRealSeconds(_ctx.Now, _ctx.Random.NextExponential() * 3600 / _option.Spot.InterruptionsPerHour);
                _ctx.Queue.Schedule(new SimEvent(Math.Max(_ctx.Now, _ctx.BeforeRealSeconds(at, _option.Spot.NoticeSeconds)), EventKind.SpotNotice, unit.Id, unit.Lifetime), EventPhase.Capacity);
                _ctx.Queue.Schedule(new SimEvent(at, EventKind.SpotInterrupt, unit.Id, unit.Lifetime), EventPhase.Capacity);
            }
        }
        return unit;
    }

    private void Release(Instance unit)
    {
        // The lifetime in real seconds, each hour at its own pace.
        double life = _ctx.RealSecondsBetween(unit.ProvisionedAt, _ctx.Now);
        double granularity = _option.BillingGranularitySeconds;
        double rounding = (Math.Ceiling(life / granularity - 1e-9) * granularity - life) * _packing.GpusPerUnit * _ctx.EventWeight;
        _ctx.Metrics.GpuSecondsRounding += rounding;
        if (unit.IsSpot)
        {
            _ctx.Metrics.SpotGpuSecondsBilled += rounding;
            _spotUnits--;
        }
        if (!unit.Up)
        {
            _provisioningUnits--;
            if (unit.IsSpot)
            {
                _spotProvisioningUnits--;
            }
        }
        unit.Live = false;
        _liveUnits--;
    }

    private List<Replica> ReplicasOn(Instance host)
    {
        var on = new List<Replica>(_packing.ReplicasPerUnit);
        foreach (Replica r in Replicas)
        {
            if (r.Host == host && r.State != ReplicaState.Stopped)
            {
                on.Add(r);
            }
        }
        return on;
    }

    private int LiveOnDemand()
    {
        int n = 0;
        foreach (Replica r in Replicas)
        {
            if (r.State != ReplicaState.Stopped && !r.IsSpot)
            {
                n++;
            }
        }
        return n;
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
        RequestTable t = _ctx.Requests;
        while (r.Waiting.Count > 0)
        {
            int id = r.PopWaiting(t);
            r.Outstanding--;
            _router.Route(id);
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
            int id = r.PopWaiting(t);
            _router.LeaveQueue(id);
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
            _router.EnterQueue(id);
            _router.Route(id);
        }
    }

    private void Stop(Replica r)
    {
        Instance host = r.Host!;
        if (r.State == ReplicaState.Starting && !host.Up)
        {
            _startingOnProvisioning--;
        }
        r.State = ReplicaState.Stopped;
        r.Busy = false;
        r.Version++;
        Recount(r);
        r.Host = null;
        if (--host.Occupied == 0)
        {
            Release(host);
        }
    }

    /// <summary>Moves the replica between the billing categories the pool counts, and updates its routing load.</summary>
    public void Recount(Replica r)
    {
        _router.UpdateLoad(r);
        BillingCategory category = r.State switch
        {
            ReplicaState.Stopped => BillingCategory.None,
            ReplicaState.Starting => BillingCategory.ColdStart,
            _ => r.Outstanding > 0 ? BillingCategory.Busy : BillingCategory.Idle,
        };
        if (category == r.Category)
        {
            return;
        }
        Adjust(r.Category, -1);
        Adjust(category, +1);
        r.Category = category;

        void Adjust(BillingCategory c, int delta)
        {
            switch (c)
            {
                case BillingCategory.ColdStart: _starting += delta; break;
                case BillingCategory.Busy: _busy += delta; break;
                case BillingCategory.Idle: _idle += delta; break;
            }
        }
    }
}
