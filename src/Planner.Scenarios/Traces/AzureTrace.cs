namespace Planner.Scenarios.Traces;

/// <summary>The rows of an Azure LLM inference trace, in time order.</summary>
/// <param name="OffsetSeconds">Arrival time of each request after the first one.</param>
/// <param name="ContextTokens">Prompt tokens of each request.</param>
/// <param name="GeneratedTokens">Output tokens of each request.</param>
internal sealed record AzureTrace(
    IReadOnlyList<double> OffsetSeconds,
    IReadOnlyList<int> ContextTokens,
    IReadOnlyList<int> GeneratedTokens)
{
    public int Count => OffsetSeconds.Count;

    /// <summary>The credit a report owes for this trace where it is a known public one (<see cref="KnownTraces"/>); null otherwise.</summary>
    public string? Credit { get; init; }
}
