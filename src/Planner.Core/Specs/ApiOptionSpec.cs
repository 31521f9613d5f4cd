namespace Planner.Core.Specs;

/// <summary>A hosted model API billed per token.</summary>
public sealed record ApiOptionSpec : OptionSpec
{
    public override string Kind => "api";
    public required string Model { get; init; }
    public required double PricePerMillionInputTokensUsd { get; init; }
    public required double PricePerMillionOutputTokensUsd { get; init; }
    /// <summary>Price of cached prompt tokens; defaults to the input price when the provider has none.</summary>
    public required double PricePerMillionCachedInputTokensUsd { get; init; }
    /// <summary>Share of traffic sent through the asynchronous batch API (no latency SLO, no rate limit).</summary>
    public double BatchShare { get; init; }
    /// <summary>Fraction taken off token prices for batch traffic.</summary>
    public double BatchDiscount { get; init; } = 0.5;
    public RateLimitSpec RateLimits { get; init; } = new();
    public required ApiLatencySpec Latency { get; init; }
    /// <summary>Long-run fraction of time the API answers; the rest is outages.</summary>
    public double Availability { get; init; } = 1.0;
    public double MeanOutageMinutes { get; init; } = 20;
    /// <summary>
    /// The most tokens, prompt and answer together, the model takes in one request (its context
    /// window); a longer request is refused and counted as rejected. Null where it is not known
    /// (an API priced in the scenario without a catalog entry): nothing is refused for length.
    /// </summary>
    public int? ContextWindowTokens { get; init; }
}
