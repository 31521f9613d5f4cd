namespace Planner.Calibration.Benchmarking;

/// <summary>
/// The amounts of work a step does, in the terms of the simulator's step shape: prompt tokens
/// prefilled and the (query, key) pairs they attend over (causal: each new token sees the cached
/// ones and the new ones up to itself), and decoding sequences with the context tokens they read
/// (cache plus the new token).
/// </summary>
public readonly record struct StepWork(long PrefillTokens, long PrefillAttentionPairs, long DecodeSequences, long DecodeContextTokens)
{
    /// <summary>Work of <paramref name="batch"/> sequences each adding <paramref name="newTokens"/> after <paramref name="pastTokens"/> cached ones.</summary>
    public static StepWork Of(BenchmarkPhase phase, long batch, long newTokens, long pastTokens) => phase == BenchmarkPhase.Prefill
        ? new StepWork(batch * newTokens, batch * (newTokens * pastTokens + newTokens * (newTokens + 1) / 2), 0, 0)
        : new StepWork(0, 0, batch, batch * (pastTokens + 1));

    /// <summary>Tokens produced or consumed by the step (prefill tokens plus decoded tokens), for throughput.</summary>
    public long Tokens => PrefillTokens + DecodeSequences;
}
