namespace Planner.Core.Costs;

/// <summary>One month's cost of one option, by where the money goes.</summary>
public sealed record CostBreakdown
{
    /// <summary>GPU time while a replica had requests to serve.</summary>
    public double GpuServingUsd { get; init; }
    /// <summary>GPU time billed while replicas were idle, including billing round-up and unused reserved capacity.</summary>
    public double GpuIdleUsd { get; init; }
    /// <summary>GPU time billed while replicas provisioned and loaded weights.</summary>
    public double GpuColdStartUsd { get; init; }
    /// <summary>GPUs of billed instances that held no replica (instances are rented whole).</summary>
    public double GpuStrandedUsd { get; init; }
    public double ApiTokensUsd { get; init; }
    public double FixedUsd { get; init; }
    /// <summary>One-time costs falling in this month (not part of COGS, part of cumulative cost).</summary>
    public double OneTimeUsd { get; init; }
    /// <summary>Expected cost of fine-tuning runs starting this month; like one-time costs, part of cumulative cost, not COGS.</summary>
    public double FineTuningUsd { get; init; }

    /// <summary>Cost of goods sold for the month: everything but one-time costs.</summary>
    public double CogsUsd => GpuServingUsd + GpuIdleUsd + GpuColdStartUsd + GpuStrandedUsd + ApiTokensUsd + FixedUsd;

    /// <summary>Every GPU charge of the month.</summary>
    public double GpuUsd => GpuServingUsd + GpuIdleUsd + GpuColdStartUsd + GpuStrandedUsd;
}
