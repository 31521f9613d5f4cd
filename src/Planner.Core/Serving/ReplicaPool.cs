using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// The replicas' life cycle and billing: provisioning with a cold start, ready, draining and
/// stopped; spot replicas above an on-demand base, with their notices and interruptions; and the
/// billed time of every replica by <see cref="BillingCategory"/>, rounded up to the billing
/// granularity when a replica stops.
/// </summary>
internal sealed class ReplicaPool
{
    private readonly SelfHostedOptionSpec _option;
    private readonly SimulationContext _ctx;
    private readonly Router _router;
    private readonly FleetLoad _load;
    private readonly double _coldStartSeconds;
    private int _starting, _busy, _idle, _spotLive;

    public ReplicaPool(SelfHostedOptionSpec option, SimulationContext context, List<Replica> replicas, Router router, FleetLoad load)
    {
        _option = option;
        _ctx = context;
        Replicas = replicas;
        _router = router;
        _load = load;
        _coldStartSeconds = option.Autoscaler?.ColdStartSeconds ?? 0;
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
        _starting = _busy = _idle = _spotLive = 0;
    }

    /// <summary>Integrates billed replica time by category before the clock moves by <paramref name="dt"/>.</summary>
    public void Advance(double dt)
    {
        double w = _ctx.Weight * dt;
        WindowMetrics m = _ctx.Metrics;
        m.ReplicaSecondsColdStart += _starting * w;
        m.ReplicaSecondsBusy += _busy * w;
        m.ReplicaSecondsIdle += _idle * w;
        m.SpotReplicaSecondsBilled += _spotLive * w;
        if (_ctx.Weight > 0 && Live > m.PeakReplicas)
        {
            m.PeakReplicas = Live;
        }
    }

    /// <summary>A replica that is ready now, as at the start of a window.</summary>
    public Replica AddReady()
    {
        Replica r = Add(ReplicaState.Ready);
        r.ProvisionedAt = 0;
        return r;
    }

    /// <summary>Provisions a replica that is ready after the cold start.</summary>
    public void StartReplica()
    {
        Replica r = Add(ReplicaState.Starting);
        _ctx.Metrics.ColdStarts += _ctx.Weight;
        _ctx.Queue.Schedule(new SimEvent(_ctx.Now + _coldStartSeconds, EventKind.ReplicaReady, r.Id, r.Lifetime), EventPhase.Capacity);
    }

    /// <summary>A cold start ended.</summary>
    public void OnReady(Replica r, int lifetime)
    {
        if (r.State == ReplicaState.Starting && lifetime == r.Lifetime)
        {
            r.State = ReplicaState.Ready;
            Recount(r);
            _router.RouteHeld();
        }
    }

    /// <summary>A spot replica's interruption notice: it stops taking requests.</summary>
    public void OnSpotNotice(Replica r, int lifetime)
    {
        if (lifetime == r.Lifetime && r.State != ReplicaState.Stopped)
        {
            _ctx.Metrics.SpotInterruptions += _ctx.Weight;
            BeginDrain(r);
        }
    }

    /// <summary>A spot replica is taken away with whatever it still holds.</summary>
    public void OnSpotInterrupt(Replica r, int lifetime)
    {
        if (lifetime == r.Lifetime && r.State != ReplicaState.Stopped)
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
    /// Scale-down by one: a replica still starting first (it serves nothing yet), newest first;
    /// otherwise the ready replica with the least work drains.
    /// </summary>
    public void RemoveOne()
    {
        for (int i = Replicas.Count - 1; i >= 0; i--)
        {
            if (Replicas[i].State == ReplicaState.Starting)
            {
                Stop(Replicas[i]);
                return;
            }
        }
        Replica? victim = null;
        foreach (Replica r in Replicas)
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

    private Replica Add(ReplicaState state)
    {
        bool spot = _option.Spot is SpotSpec s && LiveOnDemand() >= s.OnDemandBaseReplicas;
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
        if (r.IsSpot && (r.Category == BillingCategory.None) != (category == BillingCategory.None))
        {
            _spotLive += category == BillingCategory.None ? -1 : 1;
        }
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
