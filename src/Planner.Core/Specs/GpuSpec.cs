namespace Planner.Core.Specs;

/// <summary>Datasheet figures of one GPU.</summary>
public sealed record GpuSpec
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required double MemoryGb { get; init; }
    public required double HbmBandwidthGbPerSecond { get; init; }
    public required double Bf16DenseTflops { get; init; }
    /// <summary>Null for GPUs without FP8 tensor cores.</summary>
    public double? Fp8DenseTflops { get; init; }
    /// <summary>Null for GPUs without FP4 tensor cores (before Blackwell).</summary>
    public double? Fp4DenseTflops { get; init; }
    public double TdpWatts { get; init; }
    public string Interconnect { get; init; } = "pcie";
    public double InterconnectBandwidthGbPerSecond { get; init; }
    public string Source { get; init; } = "scenario";

    /// <summary>Measured operator timings of this GPU (16-bit weights), by layer shape and tensor-parallel degree; empty when none were measured.</summary>
    public IReadOnlyList<OperatorTimingTable> OperatorTimings { get; init; } = [];

    /// <summary>Measured all-reduce times among this GPU's neighbours in one machine, by GPU count; empty when none were measured.</summary>
    public IReadOnlyList<CollectiveTimingTable> AllReduceTimings { get; init; } = [];

    /// <summary>How well published measurements on this GPU bear out the step-time model, one summary per kind of replica (<see cref="PerformanceValidationSpec.For"/>); empty when none was compared.</summary>
    public IReadOnlyList<PerformanceValidationSpec> Validations { get; init; } = [];
}
