namespace Planner.Core.Specs;

/// <summary>A kind of request (chat, RAG, extraction…) with its share of traffic and token sizes.</summary>
public sealed record RequestClassSpec
{
    public required string Name { get; init; }
    public required double Share { get; init; }
    public required TokenDistributionSpec InputTokens { get; init; }
    public required TokenDistributionSpec OutputTokens { get; init; }
    /// <summary>Fraction of each prompt that is a cached prefix (billed at the cached price, skipped by prefix caching).</summary>
    public double CachedPrefixFraction { get; init; }
}
