namespace Planner.Core.Engine;

/// <summary>
/// One request in flight: a slot of the <see cref="RequestTable"/>. A struct with its fields
/// side by side, so that the handful a step reads of a request share one or two cache lines.
/// </summary>
public struct InFlightRequest
{
    public double ArrivedAt;
    public double Weight;
    public double FirstTokenAt;
    /// <summary>When the request last joined a queue, for queue-wait metrics.</summary>
    public double EnqueuedAt;
    /// <summary>Step count of the replica when the request started decoding.</summary>
    public double DecodeStartStep;
    public int Input;
    public int Output;
    public int Cached;
    /// <summary>Output tokens produced so far (kept across preemption and re-queueing).</summary>
    public int Generated;
    /// <summary>Prompt tokens already prefilled in the current admission.</summary>
    public int Prefilled;
    /// <summary>Tokens the current admission must hold in KV before decoding: input plus what was generated before a preemption.</summary>
    public int PromptTokens;
    public int Replica;
    public int Attempts;
    /// <summary>KV tokens the current admission reserved for the whole request (engines that never preempt), 0 otherwise.</summary>
    public int ReservedTokens;
    /// <summary>Links of a replica's running requests in the order they started decoding: the next older and the next newer one, -1 at the ends.</summary>
    public int OlderRunning;
    public int NewerRunning;
    public byte Flags;
    /// <summary>Where the request is: one of the RequestTable.Phase* constants.</summary>
    public byte Phase;
    public bool Live;
}
