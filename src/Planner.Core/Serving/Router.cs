using Planner.Core.Engine;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Sends each request to a ready replica by the option's policy (the less loaded of two random
/// ready replicas, round robin, or most free KV cache), holds requests while no replica is ready,
/// and keeps the fleet-wide queue (requests waiting for admission anywhere) that queue-wait
/// metrics read.
/// </summary>
internal sealed class Router
{
    private readonly RouterPolicy _policy;
    private readonly SimulationContext _ctx;
    private readonly List<Replica> _replicas;
    private readonly long _kvCapacityTokens;
    private readonly IntDeque _unrouted = new();
    /// <summary>
    /// Outstanding requests of each replica by id, <see cref="int.MaxValue"/> when it is not
    /// ready: what the least-outstanding policy compares, kept by <see cref="UpdateLoad"/>.
    /// </summary>
    private int[] _routingLoad = new int[16];
    /// <summary>Ids of the ready replicas, in no order, and each replica's position in it (-1 when not ready).</summary>
    private readonly List<int> _ready = [];
    private int[] _readyAt = new int[16];
    private int _roundRobin;
    private double _queuedCount, _queuedEnqueueSum;

    public Router(RouterPolicy policy, SimulationContext context, List<Replica> replicas, long kvCapacityTokens)
    {
        _policy = policy;
        _ctx = context;
        _replicas = replicas;
        _kvCapacityTokens = kvCapacityTokens;
    }

    /// <summary>Set once by the fleet: who is told that a replica has new work.</summary>
    public BatchScheduler Scheduler { get; set; } = null!;

    /// <summary>Set once by the fleet: who counts a replica as busy once it has work.</summary>
    public ReplicaPool Pool { get; set; } = null!;

    /// <summary>Requests waiting for admission anywhere in the fleet (routed or not).</summary>
    public double QueuedRequests => _queuedCount;

    /// <summary>Requests held because no replica was ready.</summary>
    public int Unrouted => _unrouted.Count;

    /// <summary>Mean time the requests now queued (not yet admitted) have waited.</summary>
    public double QueueWaitSeconds => _queuedCount > 0 ? _ctx.Now - _queuedEnqueueSum / _queuedCount : 0;

    public void Reset()
    {
        _unrouted.Clear();
        _ready.Clear();
        Array.Fill(_readyAt, -1);
        _roundRobin = 0;
        _queuedCount = _queuedEnqueueSum = 0;
    }

    /// <summary>Sends a queued request to a ready replica, or holds it until one is ready.</summary>
    public void Route(int id)
    {
        Replica? best = PickReplica();
        RequestTable t = _ctx.Requests;
        if (best is null)
        {
            t[id].Replica = -1;
            t[id].Flags |= RequestTable.HeldForReplica;
            _unrouted.PushBack(id);
            return;
        }
        t[id].Replica = best.Id;
        best.Outstanding++;
        Pool.Recount(best);
        best.PushWaiting(t, id, front: false);
        Scheduler.WorkArrived(best, id);
    }

    /// <summary>Routes every held request (a replica has become ready).</summary>
    public void RouteHeld()
    {
        while (_unrouted.Count > 0)
        {
            Route(_unrouted.PopFront());
        }
    }

    /// <summary>Records a request joining the fleet's queue now.</summary>
    public void EnterQueue(int id)
    {
        RequestTable t = _ctx.Requests;
        t[id].EnqueuedAt = _ctx.Now;
        t[id].Phase = RequestTable.PhaseQueued;
        _queuedCount++;
        _queuedEnqueueSum += _ctx.Now;
    }

    /// <summary>Records a request leaving the fleet's queue (admitted, or lost with its replica).</summary>
    public void LeaveQueue(int id)
    {
        _queuedCount--;
        _queuedEnqueueSum -= _ctx.Requests[id].EnqueuedAt;
    }

    /// <summary>Refreshes what the least-outstanding policy sees of <paramref name="r"/>.</summary>
    public void UpdateLoad(Replica r)
    {
        if (r.Id >= _routingLoad.Length)
        {
            int size = Math.Max(r.Id + 1, 2 * _routingLoad.Length);
            Array.Resize(ref _routingLoad, size);
            int old = _readyAt.Length;
            Array.Resize(ref _readyAt, size);
            Array.Fill(_readyAt, -1, old, size - old);
        }
        bool ready = r.State == ReplicaState.Ready;
        _routingLoad[r.Id] = ready ? r.Outstanding : int.MaxValue;
        int at = _readyAt[r.Id];
        if (ready && at < 0)
        {
            _readyAt[r.Id] = _ready.Count;
            _ready.Add(r.Id);
        }
        else if (!ready && at >= 0)
        {
            int last = _ready[^1];
            _ready[at] = last;
            _readyAt[last] = at;
            _ready.RemoveAt(_ready.Count - 1);
            _readyAt[r.Id] = -1;
        }
    }

    private Replica? PickReplica()
    {
        Replica? best = null;
        switch (_policy)
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
                    double free = _kvCapacityTokens - r.KvTokensInUse - r.WaitingPromptTokens;
                    if (best is null || free > bestFree || (free == bestFree && r.Outstanding < best.Outstanding))
                    {
                        best = r;
                        bestFree = free;
                    }
                }
                return best;
            default:
            {
                // Least outstanding of two ready replicas drawn at random (the "power of two
                // choices", as Envoy's least-request balancer does): a router that always sends to
                // the single least-loaded replica herds arrivals onto whichever replica just freed
                // a slot; two choices spread them, and decide the same way in a fleet of any size.
                int n = _ready.Count;
                if (n == 0)
                {
                    return null;
                }
                int first = _ready[_ctx.Random.NextInt(n)];
                if (n == 1)
                {
                    return _replicas[first];
                }
                int second = _ready[_ctx.Random.NextInt(n - 1)];
                if (second == first)
                {
                    second = _ready[n - 1];
                }
                return _replicas[_routingLoad[second] < _routingLoad[first] ? second : first];
            }
        }
    }
}
