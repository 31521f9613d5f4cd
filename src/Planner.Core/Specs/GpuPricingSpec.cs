namespace Planner.Core.Specs;

/// <summary>What one GPU-hour costs and how capacity is bought.</summary>
public sealed record GpuPricingSpec
{
    public required double PricePerGpuHourUsd { get; init; }
    public GpuPricingModel Model { get; init; } = GpuPricingModel.OnDemand;
    public string Source { get; init; } = "scenario";
    public DateOnly? AsOf { get; init; }
}

/// <summary>On-demand bills replicas while they exist; reserved bills the committed fleet all month; spot bills at the spot price.</summary>
public enum GpuPricingModel
{
    OnDemand,
    Reserved,
    Spot,
}
