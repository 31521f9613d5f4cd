namespace Planner.Core.Engine;

/// <summary>
/// Every request in flight, stored as structs in one array indexed by a recycled slot id (no
/// per-request objects). Shared by the components of an option, so a request can move from a
/// self-hosted fleet to an API and back. Memory grows with the requests in flight only.
/// </summary>
public sealed class RequestTable
{
    private InFlightRequest[] _slots = new InFlightRequest[256];
    private int[] _free = new int[256];
    private int _freeCount;

    /// <summary>Flag: must stay on the self-hosted fleet (compliance share).</summary>
    public const byte Compliance = 1;
    /// <summary>Flag: arrived while no replica was ready, and was held until one started.</summary>
    public const byte HeldForReplica = 2;
    public const byte PhaseQueued = 0;
    public const byte PhasePrefilling = 1;
    public const byte PhaseRunning = 2;
    public const byte PhaseApi = 3;

    /// <summary>The request in slot <paramref name="id"/>, to read or change in place.</summary>
    public ref InFlightRequest this[int id] => ref _slots[id];

    public int Capacity => _slots.Length;

    /// <summary>Slots handed out so far (live or free).</summary>
    public int HighWater { get; private set; }

    public int LiveCount { get; private set; }

    public bool IsLive(int id) => _slots[id].Live;

    public void Clear()
    {
        for (int i = 0; i < HighWater; i++)
        {
            _slots[i].Live = false;
        }
        HighWater = 0;
        _freeCount = 0;
        LiveCount = 0;
    }

    public int Add(double now, double weight, int input, int output, int cached)
    {
        int id;
        if (_freeCount > 0)
        {
            id = _free[--_freeCount];
        }
        else
        {
            if (HighWater == _slots.Length)
            {
                Grow();
            }
            id = HighWater++;
        }
        _slots[id] = new InFlightRequest
        {
            ArrivedAt = now,
            EnqueuedAt = now,
            Weight = weight,
            FirstTokenAt = double.NaN,
            Input = input,
            Output = output,
            Cached = cached,
            PromptTokens = input,
            Replica = -1,
            Phase = PhaseQueued,
            Live = true,
        };
        LiveCount++;
        return id;
    }

    public void Remove(int id)
    {
        _slots[id].Live = false;
        LiveCount--;
        _free[_freeCount++] = id;
    }

    /// <summary>Weighted count of live requests (for requests in flight at a window's end).</summary>
    public double LiveWeight()
    {
        double sum = 0;
        for (int i = 0; i < HighWater; i++)
        {
            if (_slots[i].Live)
            {
                sum += _slots[i].Weight;
            }
        }
        return sum;
    }

    private void Grow()
    {
        int n = _slots.Length * 2;
        Array.Resize(ref _slots, n);
        Array.Resize(ref _free, n);
    }
}
