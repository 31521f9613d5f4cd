using Planner.Core.Specs;

namespace Planner.Scenarios.Catalogs;

/// <summary>One rental offer from <c>gpu_prices.yaml</c>: a provider's instance in a region, priced per GPU-hour.</summary>
public sealed record GpuPriceCatalogEntry
{
    /// <summary>Catalog id scenarios refer to, e.g. <c>aws-p5-48xlarge-us-east-1</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Id of the GPU in <c>gpus.yaml</c>.</summary>
    public required string Gpu { get; init; }

    /// <summary>Cloud or GPU provider, e.g. <c>aws</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Provider's instance type name.</summary>
    public required string Instance { get; init; }

    /// <summary>Region the price applies to (<c>any</c> when the provider has one price everywhere).</summary>
    public required string Region { get; init; }

    /// <summary>GPUs in one instance.</summary>
    public required int GpusPerInstance { get; init; }

    /// <summary>On-demand list price per GPU-hour, USD.</summary>
    public required double OnDemandPerGpuHourUsd { get; init; }

    /// <summary>Observed spot price per GPU-hour, USD; null when not recorded.</summary>
    public double? SpotPerGpuHourUsd { get; init; }

    /// <summary>One-year commitment price per GPU-hour, USD; null when not recorded.</summary>
    public double? Reserved1yPerGpuHourUsd { get; init; }

    /// <summary>Where the price comes from.</summary>
    public required string Source { get; init; }

    /// <summary>Date the price took effect or was observed.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>
    /// Where the spot price was observed, when not where <see cref="Source"/> says (a list price's page
    /// does not carry a spot price); null when <see cref="Source"/> covers it.
    /// </summary>
    public string? SpotSource { get; init; }

    /// <summary>Date the spot price was observed, when it differs from <see cref="AsOf"/>; null otherwise.</summary>
    public DateOnly? SpotAsOf { get; init; }

    /// <summary>Where the price under <paramref name="model"/> comes from.</summary>
    public string SourceFor(GpuPricingModel model) => model == GpuPricingModel.Spot && SpotSource is { } spot ? spot : Source;

    /// <summary>Date the price under <paramref name="model"/> took effect or was observed.</summary>
    public DateOnly AsOfFor(GpuPricingModel model) => model == GpuPricingModel.Spot && SpotAsOf is { } spot ? spot : AsOf;

    /// <summary>The price per GPU-hour under a pricing model, or null when this entry has none.</summary>
    public double? PriceFor(GpuPricingModel model) => model switch
    {
        GpuPricingModel.OnDemand => OnDemandPerGpuHourUsd,
        GpuPricingModel.Reserved => Reserved1yPerGpuHourUsd,
        GpuPricingModel.Spot => SpotPerGpuHourUsd,
        _ => null,
    };
}
