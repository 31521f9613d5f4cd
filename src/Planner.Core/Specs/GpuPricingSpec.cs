namespace Planner.Core.Specs;

/// <summary>
/// What GPU time costs and how it is rented: a price per GPU-hour of an instance holding
/// <see cref="GpusPerInstance"/> GPUs, which is billed whole (a cloud rents an 8-GPU node, not one
/// of its GPUs). Offers that really rent single GPUs (per-GPU marketplaces, 1-GPU instances) have
/// one GPU per instance.
/// </summary>
public sealed record GpuPricingSpec
{
    /// <summary>Instance price per hour divided by <see cref="GpusPerInstance"/>.</summary>
    public required double PricePerGpuHourUsd { get; init; }
    public GpuPricingModel Model { get; init; } = GpuPricingModel.OnDemand;
    /// <summary>GPUs in one rented instance: the unit capacity is bought and billed in.</summary>
    public int GpusPerInstance { get; init; } = 1;
    /// <summary>The provider's name of the instance type, e.g. <c>p5.48xlarge</c>; null when the scenario did not say.</summary>
    public string? InstanceType { get; init; }
    public string Source { get; init; } = "scenario";
    public DateOnly? AsOf { get; init; }

    /// <summary>Price of one whole instance per hour.</summary>
    public double PricePerInstanceHourUsd => PricePerGpuHourUsd * GpusPerInstance;
}

/// <summary>On-demand bills replicas while they exist; reserved bills the committed fleet all month; spot bills at the spot price.</summary>
public enum GpuPricingModel
{
    OnDemand,
    Reserved,
    Spot,
}
