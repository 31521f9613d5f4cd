using System.Runtime.CompilerServices;
using Planner.Core.Engine;

namespace Planner.Core.Serving;

/// <summary>
/// One model server's state. Decoding is tracked in steps: every running sequence gains one
/// token per step, so the batch shares a step counter and a sequence finishes when the counter
/// reaches its target (a min-heap gives the next finish). KV use of the running batch is then
/// Σ prompt + n·steps − Σ start step, kept in O(1).
/// </summary>
internal sealed class Replica
{
    public Replica(int id) => Id = id;

    public int Id { get; }
    public ReplicaState State { get; set; }
    /// <summary>The billing unit this replica runs on (null once stopped).</summary>
    public Instance? Host { get; set; }
    public bool IsSpot => Host?.IsSpot ?? false;
    /// <summary>Billing category this replica is counted under in the fleet totals.</summary>
    public BillingCategory Category { get; set; }
    public IntDeque Waiting { get; } = new();
    /// <summary>Prompt tokens of the requests in <see cref="Waiting"/>, kept as they come and go.</summary>
    public long WaitingPromptTokens { get; set; }
    public List<int> Prefilling { get; } = new(32);
    public PriorityQueue<int, double> Running { get; } = new();
    /// <summary>The running request that started decoding last, -1 when none runs; the others are linked from it through the request table.</summary>
    public int NewestRunning { get; set; } = -1;
    public double Steps { get; set; }
    public long SumPromptTokens { get; set; }
    public double SumStartSteps { get; set; }
    /// <summary>KV tokens reserved by requests being prefilled (their whole prompts).</summary>
    public long PrefillReservedTokens { get; set; }
    /// <summary>With <see cref="Specs.ServingEngineSpec.ReserveOutputKv"/>: prompt and output tokens of every admitted request not yet finished.</summary>
    public long WholeRequestReservedTokens { get; set; }
    public int Outstanding { get; set; }
    /// <summary>Bumped whenever the pending step event is superseded.</summary>
    public int Version { get; set; }
    /// <summary>Bumped when the replica is (re)provisioned; life-cycle events (ready, spot notice and interruption) carry it.</summary>
    public int Lifetime { get; private set; }

    /// <summary>A step start is scheduled for this instant (so simultaneous arrivals batch together).</summary>
    public bool Kicked { get; set; }
    // The step (or run of identical decode steps) in progress.
    public bool Busy { get; set; }
    public double StepStart { get; set; }
    public double StepSeconds { get; set; }
    public int StepCount { get; set; }
    public bool StepDecodes { get; set; }
    public int StepBatch { get; set; }
    public double StepKvUtilization { get; set; }
    public List<int> ChunkIds { get; } = new(32);
    public List<int> ChunkTokens { get; } = new(32);

    /// <summary>Queues a request for admission here; preempted requests go to the front.</summary>
    public void PushWaiting(RequestTable requests, int id, bool front)
    {
        if (front)
        {
            Waiting.PushFront(id);
        }
        else
        {
            Waiting.PushBack(id);
        }
        WaitingPromptTokens += requests[id].PromptTokens;
    }

    /// <summary>Takes the oldest waiting request off the queue.</summary>
    public int PopWaiting(RequestTable requests)
    {
        int id = Waiting.PopFront();
        WaitingPromptTokens -= requests[id].PromptTokens;
        return id;
    }

    public void Reset(ReplicaState state, Instance host)
    {
        State = state;
        Host = host;
        Waiting.Clear();
        WaitingPromptTokens = 0;
        Prefilling.Clear();
        Running.Clear();
        NewestRunning = -1;
        Steps = 0;
        SumPromptTokens = 0;
        SumStartSteps = 0;
        PrefillReservedTokens = 0;
        WholeRequestReservedTokens = 0;
        Outstanding = 0;
        Busy = false;
        Kicked = false;
        ChunkIds.Clear();
        ChunkTokens.Clear();
        Version++;
        Lifetime++;
    }

    /// <summary>KV tokens held now: running contexts plus reserved prompts.</summary>
    public double KvTokensInUse
    {
        // Read several times in every step; the JIT's budget left it a call in the largest callers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => SumPromptTokens + Running.Count * Steps - SumStartSteps + PrefillReservedTokens;
    }
}
