namespace Planner.Core.Serving;

/// <summary>A growable FIFO of ints that reuses its buffer (no per-item allocation).</summary>
internal sealed class IntRing
{
    private int[] _items = new int[16];
    private int _head;

    public int Count { get; private set; }

    public int Peek() => _items[_head];

    public void Enqueue(int item)
    {
        if (Count == _items.Length)
        {
            var bigger = new int[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                bigger[i] = _items[(_head + i) % _items.Length];
            }
            _items = bigger;
            _head = 0;
        }
        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public int Dequeue()
    {
        int item = _items[_head];
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
