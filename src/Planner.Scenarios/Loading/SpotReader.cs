using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads a self-hosted deployment's <c>spot</c> mapping: an on-demand base of replicas, every
/// replica above it bought at a spot price (from the catalog or the scenario) and interrupted at random.
/// </summary>
internal static class SpotReader
{
    /// <param name="r">The <c>spot</c> mapping.</param>
    /// <param name="optionName">Names an inline price in stale-price warnings.</param>
    /// <param name="gpuId">The deployment's GPU, which a catalog price must be for; null when it failed to load.</param>
    /// <param name="pricing">The deployment's own price, which buys the base; null when it failed to load.</param>
    /// <param name="replicas">The fixed replica count, when given.</param>
    /// <param name="autoscaler">The autoscaler, when given and valid.</param>
    /// <param name="context">The scenario being read.</param>
    public static SpotSpec? Read(
        MappingReader r, string optionName, string? gpuId, GpuPricingSpec? pricing, int? replicas, AutoscalerSpec? autoscaler, LoadContext context)
    {
        var defaults = new SpotSpec { OnDemandBaseReplicas = 0, PricePerGpuHourUsd = 0, InterruptionsPerHour = 0 };
        int? baseReplicas = r.Int("on_demand_base_replicas", ValueRange.Between(0, Plausible.MaxReplicas), required: true);
        GpuPricingSpec? price = r.Mapping("price", required: true) is { } priceReader
            ? SelfHostedOptionReader.ReadPricing(priceReader, optionName, gpuId, context, GpuPricingModel.Spot, forSpot: true, pricing?.GpusPerInstance)
            : null;
        double? interruptions = r.Double("interruptions_per_hour", Plausible.InterruptionsPerHour, required: true);
        double? notice = r.Double("notice_s", Plausible.DelaySeconds);
        r.Finish();

        bool consistent = true;
        if (pricing?.Model == GpuPricingModel.Spot)
        {
            r.Context.Error(r.Node, Messages.SpotWithSpotPricing(r.Path), Messages.SpotWithSpotPricingHint);
            consistent = false;
        }
        // A base at or above the largest fleet is allowed (spot off, for a what-if); above it is a contradiction.
        (string fleetKey, int? fleet) = replicas is not null ? ("replicas", replicas) : ("autoscaler.max_replicas", autoscaler?.MaxReplicas);
        if (baseReplicas is not null && fleet is not null && baseReplicas > fleet)
        {
            r.Context.Error(r.Get("on_demand_base_replicas")!, Messages.SpotBaseAboveFleet(r.PathOf("on_demand_base_replicas"), baseReplicas.Value, fleetKey, fleet.Value),
                Messages.ReplicasUpTo(fleet.Value, fleetKey));
            consistent = false;
        }

        if (baseReplicas is null || price is null || interruptions is null || !consistent)
        {
            return null;
        }
        return new SpotSpec
        {
            OnDemandBaseReplicas = baseReplicas.Value,
            PricePerGpuHourUsd = price.PricePerGpuHourUsd,
            InterruptionsPerHour = interruptions.Value,
            NoticeSeconds = notice ?? defaults.NoticeSeconds,
            Source = price.Source,
            AsOf = price.AsOf,
        };
    }
}
