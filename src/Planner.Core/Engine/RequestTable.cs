namespace Planner.Core.Engine;

/// <summary>
/// Every request in flight, stored as parallel arrays indexed by a recycled slot id (no
/// per-request objects). Shared by the components of an option, so a request can move from a
/// self-hosted fleet to an API and back. Memory grows with the requests in flight only.
/// </summary>
public sealed class RequestTable
{
    private int[] _free = new int[256];
    private int _freeCount;

    public double[] ArrivedAt = new double[256];
    public double[] Weight = new double[256];
    public double[] FirstTokenAt = new double[256];
    /// <summary>When the request last joined a queue, for queue-wait metrics.</summary>
    public double[] EnqueuedAt = new double[256];
    public int[] Input = new int[256];
    public int[] Output = new int[256];
    public int[] Cached = new int[256];
    /// <summary>Output tokens produced so far (kept across preemption and re-queueing).</summary>
    public int[] Generated = new int[256];
    /// <summary>Prompt tokens already prefilled in the current admission.</summary>
    public int[] Prefilled = new int[256];
    /// <summary>Tokens the current admission must hold in KV before decoding: input plus what was generated before a preemption.</summary>
    public int[] PromptTokens = new int[256];
    /// <summary>Step count of the replica when the request started decoding.</summary>
    public double[] DecodeStartStep = new double[256];
    public int[] Replica = new int[256];
    /// <summary>Links of a replica's running requests in the order they started decoding: the next older and the next newer one, -1 at the ends.</summary>
    public int[] OlderRunning = new int[256];
    public int[] NewerRunning = new int[256];
    public int[] Attempts = new int[256];
    public byte[] Flags = new byte[256];
    /// <summary>Where the request is: one of the Phase* constants.</summary>
    public byte[] Phase = new byte[256];
    private bool[] _live = new bool[256];

    /// <summary>Flag: must stay on the self-hosted fleet (compliance share).</summary>
    public const byte Compliance = 1;
    public const byte PhaseQueued = 0;
    public const byte PhasePrefilling = 1;
    public const byte PhaseRunning = 2;
    public const byte PhaseApi = 3;

    public int Capacity => ArrivedAt.Length;

    /// <summary>Slots handed out so far (live or free).</summary>
    public int HighWater { get; private set; }

    public int LiveCount { get; private set; }

    public bool IsLive(int id) => _live[id];

    public void Clear()
    {
        Array.Clear(_live, 0, HighWater);
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
            if (HighWater == ArrivedAt.Length)
            {
                Grow();
            }
            id = HighWater++;
        }
        ArrivedAt[id] = now;
        EnqueuedAt[id] = now;
        Weight[id] = weight;
        FirstTokenAt[id] = double.NaN;
        Input[id] = input;
        Output[id] = output;
        Cached[id] = cached;
        Generated[id] = 0;
        Prefilled[id] = 0;
        PromptTokens[id] = input;
        DecodeStartStep[id] = 0;
        Replica[id] = -1;
        Attempts[id] = 0;
        Flags[id] = 0;
        Phase[id] = PhaseQueued;
        _live[id] = true;
        LiveCount++;
        return id;
    }

    public void Remove(int id)
    {
        _live[id] = false;
        LiveCount--;
        _free[_freeCount++] = id;
    }

    /// <summary>Weighted count of live requests (for requests in flight at a window's end).</summary>
    public double LiveWeight()
    {
        double sum = 0;
        for (int i = 0; i < HighWater; i++)
        {
            if (_live[i])
            {
                sum += Weight[i];
            }
        }
        return sum;
    }

    private void Grow()
    {
        int n = ArrivedAt.Length * 2;
        Array.Resize(ref ArrivedAt, n);
        Array.Resize(ref Weight, n);
        Array.Resize(ref FirstTokenAt, n);
        Array.Resize(ref EnqueuedAt, n);
        Array.Resize(ref Input, n);
        Array.Resize(ref Output, n);
        Array.Resize(ref Cached, n);
        Array.Resize(ref Generated, n);
        Array.Resize(ref Prefilled, n);
        Array.Resize(ref PromptTokens, n);
        Array.Resize(ref DecodeStartStep, n);
        Array.Resize(ref Replica, n);
        Array.Resize(ref OlderRunning, n);
        Array.Resize(ref NewerRunning, n);
        Array.Resize(ref Attempts, n);
        Array.Resize(ref Flags, n);
        Array.Resize(ref Phase, n);
        Array.Resize(ref _live, n);
        Array.Resize(ref _free, n);
    }
}
