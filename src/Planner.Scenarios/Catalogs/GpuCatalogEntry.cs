using Planner.Core.Specs;

namespace Planner.Scenarios.Catalogs;

/// <summary>One accelerator from <c>gpus.yaml</c>: datasheet figures with their source.</summary>
public sealed record GpuCatalogEntry
{
    /// <summary>Catalog id scenarios refer to, e.g. <c>h100-sxm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Marketing name, e.g. "NVIDIA H100 SXM5 80GB".</summary>
    public required string Name { get; init; }

    /// <summary>Device memory, GB (decimal).</summary>
    public required double MemoryGb { get; init; }

    /// <summary>Peak device-memory bandwidth, GB/s.</summary>
    public required double HbmBandwidthGbPerSecond { get; init; }

    /// <summary>Peak dense BF16 tensor throughput, TFLOPS.</summary>
    public required double Bf16DenseTflops { get; init; }

    /// <summary>Peak dense FP8 tensor throughput, TFLOPS; null on parts without FP8.</summary>
    public double? Fp8DenseTflops { get; init; }

    /// <summary>Peak dense FP4 tensor throughput, TFLOPS; null on parts without FP4.</summary>
    public double? Fp4DenseTflops { get; init; }

    /// <summary>Peak dense INT8 tensor throughput, TOPS; null when not listed.</summary>
    public double? Int8DenseTops { get; init; }

    /// <summary>Board or module power limit, W.</summary>
    public required double TdpWatts { get; init; }

    /// <summary>GPU-to-GPU path inside a node: <c>nvlink</c> or <c>pcie</c>.</summary>
    public required string Interconnect { get; init; }

    /// <summary>GPU-to-GPU bandwidth, GB/s.</summary>
    public required double InterconnectBandwidthGbPerSecond { get; init; }

    /// <summary>Host link bandwidth (weight loading), GB/s.</summary>
    public required double PcieBandwidthGbPerSecond { get; init; }

    /// <summary>Where the figures come from (datasheet, URL).</summary>
    public required string Source { get; init; }

    /// <summary>Date the figures were published.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>
    /// Device-memory bandwidth a copy kernel reached on a real part, GB/s; null when none was
    /// measured. Documentation beside the datasheet peak: the engine's roofline uses the peak
    /// (<see cref="HbmBandwidthGbPerSecond"/>) scaled by its memory efficiency.
    /// </summary>
    public double? MeasuredHbmBandwidthGbPerSecond { get; init; }

    /// <summary>Dense BF16 matrix-multiply throughput measured at the plateau, TFLOPS; null when none was measured.</summary>
    public double? MeasuredBf16DenseTflops { get; init; }

    /// <summary>Dense FP8 matrix-multiply throughput measured at the plateau, TFLOPS; null when none was measured.</summary>
    public double? MeasuredFp8DenseTflops { get; init; }

    /// <summary>Where and how the measured ceilings were taken (required with any of them).</summary>
    public string? MeasuredSource { get; init; }

    /// <summary>Measured operator timings of this GPU, from the catalog's <c>operators/</c> folder.</summary>
    public IReadOnlyList<OperatorTimingTable> OperatorTimings { get; init; } = [];

    /// <summary>Measured all-reduce times of this GPU, from the catalog's <c>collectives/</c> folder.</summary>
    public IReadOnlyList<CollectiveTimingTable> AllReduceTimings { get; init; } = [];

    /// <summary>How well published measurements on this GPU bear out the step-time model, from the catalog's <c>validation/</c> folder, per kind of replica; empty when none was compared.</summary>
    public IReadOnlyList<PerformanceValidationSpec> Validations { get; init; } = [];

    /// <summary>The engine's view of this GPU.</summary>
    public GpuSpec ToSpec() => new()
    {
        Id = Id,
        Name = Name,
        MemoryGb = MemoryGb,
        HbmBandwidthGbPerSecond = HbmBandwidthGbPerSecond,
        Bf16DenseTflops = Bf16DenseTflops,
        Fp8DenseTflops = Fp8DenseTflops,
        Fp4DenseTflops = Fp4DenseTflops,
        TdpWatts = TdpWatts,
        Interconnect = Interconnect,
        InterconnectBandwidthGbPerSecond = InterconnectBandwidthGbPerSecond,
        Source = Source,
        OperatorTimings = OperatorTimings,
        AllReduceTimings = AllReduceTimings,
        Validations = Validations,
    };
}
