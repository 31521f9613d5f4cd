namespace Planner.Core.Engine;

/// <summary>
/// Min-heap of events ordered by (time, phase, insertion sequence). The sequence makes ties
/// deterministic without any random tie-break; storage grows by doubling and is reused, so
/// steady-state scheduling allocates nothing.
/// </summary>
/// <remarks>
/// Every key is unique, so any correct heap gives the same order. This one is 4-ary, each
/// entry holding its event and key side by side: a dequeue walks half as many levels as a
/// binary heap's, and a node's four children sit in two adjacent cache lines.
/// </remarks>
public sealed class EventQueue
{
    private const int Arity = 4;
    private Entry[] _entries;
    private int _count;
    private ulong _sequence;

    public EventQueue(int initialCapacity = 1024)
    {
        _entries = new Entry[Math.Max(1, initialCapacity)];
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
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        Entry[] entries = _entries;
        ulong key = ((ulong)phase << 56) | _sequence++;
        double time = item.TimeSeconds;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) / Arity;
            ref Entry p = ref entries[parent];
            if (!Less(time, key, p.Event.TimeSeconds, p.Key))
            {
                break;
            }
            entries[i] = p;
            i = parent;
        }
        entries[i] = new Entry(item, key);
    }

    /// <summary>
    /// Takes the next insertion sequence for an event held outside the queue (the simulator's
    /// next arrival), which then orders among queued events, through <see cref="Precedes"/>,
    /// exactly as if it had been scheduled now.
    /// </summary>
    public ulong ReserveKey(EventPhase phase) => ((ulong)phase << 56) | _sequence++;

    /// <summary>Whether an event at <paramref name="timeSeconds"/> with a reserved key comes before every queued event.</summary>
    public bool Precedes(double timeSeconds, ulong key) =>
        _count == 0 || Less(timeSeconds, key, _entries[0].Event.TimeSeconds, _entries[0].Key);

    /// <summary>Time of the earliest event; +∞ when empty.</summary>
    public double PeekTime() => _count == 0 ? double.PositiveInfinity : _entries[0].Event.TimeSeconds;

    public SimEvent Dequeue()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("the event queue is empty");
        }
        Entry[] entries = _entries;
        SimEvent top = entries[0].Event;
        int last = --_count;
        if (last == 0)
        {
            return top;
        }
        Entry moving = entries[last];
        double time = moving.Event.TimeSeconds;
        ulong key = moving.Key;
        int i = 0;
        while (true)
        {
            int first = Arity * i + 1;
            if (first >= last)
            {
                break;
            }
            // The smallest of up to four children.
            int child = first;
            double childTime = entries[first].Event.TimeSeconds;
            ulong childKey = entries[first].Key;
            int end = Math.Min(first + Arity, last);
            for (int c = first + 1; c < end; c++)
            {
                double t = entries[c].Event.TimeSeconds;
                ulong k = entries[c].Key;
                if (Less(t, k, childTime, childKey))
                {
                    child = c;
                    childTime = t;
                    childKey = k;
                }
            }
            if (!Less(childTime, childKey, time, key))
            {
                break;
            }
            entries[i] = entries[child];
            i = child;
        }
        entries[i] = moving;
        return top;
    }

    public void Clear()
    {
        _count = 0;
        _sequence = 0;
    }

    private static bool Less(double t1, ulong k1, double t2, ulong k2) => t1 < t2 || (t1 == t2 && k1 < k2);

    /// <summary>An event with its (phase, sequence) key.</summary>
    private readonly record struct Entry(SimEvent Event, ulong Key);
}
