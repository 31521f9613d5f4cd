namespace Planner.Core.Specs;

/// <summary>
/// A change of prices on the projection's timeline: a step change of API or GPU prices from a
/// month on, a yearly trend of them compounding monthly, or a reserved GPU commitment.
/// </summary>
public sealed record PriceEventSpec
{
    /// <summary>Label for reports, for example "API price cut".</summary>
    public required string Name { get; init; }
    public required PriceEventTarget Target { get; init; }
    /// <summary>1-based month from which the event applies.</summary>
    public required int Month { get; init; }
    /// <summary>Options it applies to; empty means every option the target concerns.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
    /// <summary>Step change of the price from <see cref="Month"/> on: −0.5 halves it.</summary>
    public double? Change { get; init; }
    /// <summary>Yearly change compounding monthly from <see cref="Month"/> on: −0.15 is 15% cheaper every year.</summary>
    public double? ChangePerYear { get; init; }
    /// <summary>Set when <see cref="Target"/> is <see cref="PriceEventTarget.ReservedCommitment"/>.</summary>
    public ReservedCommitmentSpec? Reservation { get; init; }
}

/// <summary>What a price event changes.</summary>
public enum PriceEventTarget
{
    /// <summary>Token prices of API options and of hybrid overflow APIs.</summary>
    ApiPrices,
    /// <summary>GPU-hour prices (on-demand, reserved and spot) of self-hosted fleets and hybrid primaries.</summary>
    GpuPrices,
    /// <summary>A commitment to pay for a number of GPUs every hour for a term, at a reserved price.</summary>
    ReservedCommitment,
}

/// <summary>
/// GPUs bought for a term at a reserved price: billed every hour of the term whether used or not;
/// replica time above the commitment is billed at the option's own (on-demand) price.
/// </summary>
public sealed record ReservedCommitmentSpec
{
    public required int Gpus { get; init; }
    public required double PricePerGpuHourUsd { get; init; }
    /// <summary>Length of the commitment in months; null runs to the horizon.</summary>
    public int? TermMonths { get; init; }
}
