namespace Planner.Scenarios.Catalogs;

/// <summary>One hosted model's token prices from <c>api_prices.yaml</c>.</summary>
public sealed record ApiModelCatalogEntry
{
    /// <summary>Catalog id scenarios refer to, e.g. <c>openai-gpt-4o-mini</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Provider, e.g. <c>openai</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's model name, e.g. <c>gpt-4o-mini</c>.</summary>
    public required string Model { get; init; }

    /// <summary>USD per million uncached input tokens.</summary>
    public required double InputPerMillionUsd { get; init; }

    /// <summary>USD per million output tokens.</summary>
    public required double OutputPerMillionUsd { get; init; }

    /// <summary>USD per million cached input tokens; null when the provider publishes none.</summary>
    public double? CachedInputPerMillionUsd { get; init; }

    /// <summary>Fraction taken off token prices on the batch API; null when not established.</summary>
    public double? BatchDiscount { get; init; }

    /// <summary>Maximum context (input plus output), tokens.</summary>
    public required int ContextWindowTokens { get; init; }

    /// <summary>Where the prices come from.</summary>
    public required string Source { get; init; }

    /// <summary>Date the prices took effect or were observed.</summary>
    public required DateOnly AsOf { get; init; }
}
