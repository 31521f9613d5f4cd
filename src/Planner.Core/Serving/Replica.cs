namespace Planner.Core.Serving;

/// <summary>
/// One model server. Its decode batch is tracked in "steps" rather than per token: every
/// running sequence gains one token per step, so the batch shares a step counter and a
/// sequence finishes when the counter reaches its target — a min-heap gives the next finish
/// in O(log n), with no per-token events.
/// </summary>
internal sealed class Replica
{
    public Replica(int id) => Id = id;

    public int Id { get; }
    public ReplicaState State { get; set; }
    public double ProvisionedAt { get; set; }
    /// <summary>Requests waiting here for admission (batch slots or KV cache).</summary>
    public IntRing Waiting { get; } = new();
    /// <summary>Requests in the prefill step now running.</summary>
    public List<int> PrefillBatch { get; } = new(32);
    public bool Prefilling { get; set; }
    public double PrefillEndsAt { get; set; }
    /// <summary>Running sequences keyed by the step count at which they finish.</summary>
    public PriorityQueue<int, double> Decoding { get; } = new();
    /// <summary>Decode steps completed so far (fractional between events).</summary>
    public double Steps { get; set; }
    public double StepsUpdatedAt { get; set; }
    public double CurrentStepSeconds { get; set; }
    public long SumInputTokens { get; set; }
    public double SumStartSteps { get; set; }
    public long ReservedKvTokens { get; set; }
    /// <summary>Bumped whenever the pending progress event is superseded.</summary>
    public int Version { get; set; }
    /// <summary>Requests here in any stage.</summary>
    public int Outstanding { get; set; }

    public bool IsDecoding => !Prefilling && Decoding.Count > 0;

    public void Reset(double now, ReplicaState state)
    {
        State = state;
        ProvisionedAt = now;
        Waiting.Clear();
        PrefillBatch.Clear();
        Prefilling = false;
        Decoding.Clear();
        Steps = 0;
        StepsUpdatedAt = now;
        CurrentStepSeconds = 0;
        SumInputTokens = 0;
        SumStartSteps = 0;
        ReservedKvTokens = 0;
        Version++;
        Outstanding = 0;
    }
}
