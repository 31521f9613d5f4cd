namespace Planner.Core.Engine;

/// <summary>
/// Binary min-heap of events ordered by (time, phase, insertion sequence). The sequence makes
/// ties deterministic without any random tie-break; storage grows by doubling and is reused,
/// so steady-state scheduling allocates nothing.
/// </summary>
public sealed class EventQueue
{
    private double[] _times;
    private ulong[] _keys;
    private SimEvent[] _events;
    private int _count;
    private ulong _sequence;

    public EventQueue(int initialCapacity = 1024)
    {
        _times = new double[initialCapacity];
        _keys = new ulong[initialCapacity];
        _events = new SimEvent[initialCapacity];
    }

    public int Count => _count;

    /// <summary>Number of events ever scheduled, for events-per-second figures.</summary>
    public ulong Scheduled => _sequence;

    public void Schedule(in SimEvent item, EventPhase phase)
    {
        if (double.IsNaN(item.TimeSeconds))
        {
            throw new ArgumentException("event time is NaN", nameof(item));
        }
        if (_count == _times.Length)
        {
            Grow();
        }
        ulong key = ((ulong)phase << 56) | _sequence++;
        int i = _count++;
        double time = item.TimeSeconds;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(time, key, _times[parent], _keys[parent]))
            {
                break;
            }
            _times[i] = _times[parent];
            _keys[i] = _keys[parent];
            _events[i] = _events[parent];
            i = parent;
        }
        _times[i] = time;
        _keys[i] = key;
        _events[i] = item;
    }

    /// <summary>Time of the earliest event; +∞ when empty.</summary>
    public double PeekTime() => _count == 0 ? double.PositiveInfinity : _times[0];

    public SimEvent Dequeue()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("the event queue is empty");
        }
        SimEvent top = _events[0];
        int last = --_count;
        double time = _times[last];
        ulong key = _keys[last];
        SimEvent moving = _events[last];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && Less(_times[child + 1], _keys[child + 1], _times[child], _keys[child]))
            {
                child++;
            }
            if (!Less(_times[child], _keys[child], time, key))
            {
                break;
            }
            _times[i] = _times[child];
            _keys[i] = _keys[child];
            _events[i] = _events[child];
            i = child;
        }
        if (last > 0)
        {
            _times[i] = time;
            _keys[i] = key;
            _events[i] = moving;
        }
        return top;
    }

    public void Clear()
    {
        _count = 0;
        _sequence = 0;
    }

    private static bool Less(double t1, ulong k1, double t2, ulong k2) => t1 < t2 || (t1 == t2 && k1 < k2);

    private void Grow()
    {
        int size = _times.Length * 2;
        Array.Resize(ref _times, size);
        Array.Resize(ref _keys, size);
        Array.Resize(ref _events, size);
    }
}
