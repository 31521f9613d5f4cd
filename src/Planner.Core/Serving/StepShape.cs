namespace Planner.Core.Serving;

/// <summary>
/// The work in one engine step: new prompt tokens being prefilled (with the attention pairs
/// they form against their own and cached context) and sequences each decoding one token
/// against their current context.
/// </summary>
public readonly record struct StepShape(int PrefillTokens, long PrefillAttentionPairs, int DecodeSequences, long DecodeContextTokens);
