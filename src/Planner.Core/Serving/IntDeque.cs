namespace Planner.Core.Serving;

/// <summary>A growable double-ended queue of ints that reuses its buffer.</summary>
internal sealed class IntDeque
{
    private int[] _items = new int[16];
    private int _head;

    public int Count { get; private set; }

    public int PeekFront() => _items[_head];

    public void PushBack(int item)
    {
        EnsureRoom();
        _items[(_head + Count) & (_items.Length - 1)] = item;
        Count++;
    }

    public void PushFront(int item)
    {
        EnsureRoom();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = item;
        Count++;
    }

    public int PopFront()
    {
        int item = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return item;
    }

    /// <summary>Item at position <paramref name="index"/> from the front.</summary>
    public int this[int index] => _items[(_head + index) & (_items.Length - 1)];

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void EnsureRoom()
    {
        if (Count < _items.Length)
        {
            return;
        }
        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }
        _items = bigger;
        _head = 0;
    }
}
