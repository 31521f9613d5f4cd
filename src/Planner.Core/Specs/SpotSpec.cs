namespace Planner.Core.Specs;

/// <summary>
/// Spot capacity: the first <see cref="OnDemandBaseReplicas"/> replicas are on-demand, every
/// replica above them is spot — cheaper, and interrupted at random after a notice.
/// </summary>
public sealed record SpotSpec
{
    public required int OnDemandBaseReplicas { get; init; }
    public required double PricePerGpuHourUsd { get; init; }
    /// <summary>Mean interruptions per spot replica per hour (Poisson).</summary>
    public required double InterruptionsPerHour { get; init; }
    /// <summary>Warning before an interruption: the replica stops taking requests, then loses what it still holds.</summary>
    public double NoticeSeconds { get; init; } = 120;
    public string Source { get; init; } = "scenario";
    public DateOnly? AsOf { get; init; }
}
