namespace Planner.Core.Specs;

/// <summary>A model served on rented GPUs.</summary>
public sealed record SelfHostedOptionSpec : OptionSpec
{
    public override string Kind => "self_hosted";
    public required ModelArchitectureSpec Model { get; init; }
    public required GpuSpec Gpu { get; init; }
    public required int GpusPerReplica { get; init; }
    public required GpuPricingSpec Pricing { get; init; }
    /// <summary>Exactly one of FixedReplicas or Autoscaler is set.</summary>
    public int? FixedReplicas { get; init; }
    public AutoscalerSpec? Autoscaler { get; init; }
    public required ServingEngineSpec Engine { get; init; }
    public RouterPolicy Router { get; init; } = RouterPolicy.LeastOutstanding;
    /// <summary>Spot capacity above an on-demand base; null means every replica is bought at <see cref="Pricing"/>.</summary>
    public SpotSpec? Spot { get; init; }
    /// <summary>Each replica's billed lifetime is rounded up to this many seconds.</summary>
    public double BillingGranularitySeconds { get; init; } = 1;
}
