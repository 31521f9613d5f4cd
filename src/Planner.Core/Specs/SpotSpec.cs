namespace Planner.Core.Specs;

/// <summary>
/// Spot capacity: the first <see cref="OnDemandBaseReplicas"/> replicas (rounded up to whole
/// instances) are on-demand, every replica above them is spot — cheaper, and interrupted at random,
/// a whole instance at a time, after a notice.
/// </summary>
public sealed record SpotSpec
{
    public required int OnDemandBaseReplicas { get; init; }
    public required double PricePerGpuHourUsd { get; init; }
    /// <summary>Mean interruptions per spot instance per hour (Poisson); an interruption takes every replica on the instance.</summary>
    public required double InterruptionsPerHour { get; init; }
    /// <summary>Warning before an interruption: the instance's replicas stop taking requests, then lose what they still hold.</summary>
    public double NoticeSeconds { get; init; } = 120;
    public string Source { get; init; } = "scenario";
    public DateOnly? AsOf { get; init; }
}
