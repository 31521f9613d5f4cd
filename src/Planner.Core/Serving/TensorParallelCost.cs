using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// What tensor parallelism adds to a step: two all-reduces per layer of the step's activations
/// (tokens × hidden size × 2 bytes), each a ring: a fixed latency plus 2(n − 1)/n of the bytes
/// over a bus bandwidth. Where the catalog has measured all-reduce times of the GPU
/// (<see cref="GpuSpec.AllReduceTimings"/>), the latency and bandwidth are fitted to them (see
/// <see cref="FitRing"/>), so that every GPU count uses one physically consistent pair; else the
/// bandwidth is one direction of the datasheet interconnect (over PCIe, only the share of it that
/// a ring all-reduce reaches there, <see cref="ServingEngineSpec.PcieAllReduceEfficiency"/>: PCIe
/// rings lose to packet overhead and cross the CPUs' root complexes) and the latency
/// <see cref="DatasheetLatencySeconds"/>.
/// </summary>
public sealed class TensorParallelCost
{
    /// <summary>Latency of one all-reduce when nothing was measured.</summary>
    public const double DatasheetLatencySeconds = 8e-6;

    /// <summary>Smallest all-reduce the fit uses: below it, launch and synchronisation noise dominates the measurements.</summary>
    public const double SmallestFittedBytes = 1 << 20;

    private readonly int _gpus;
    private readonly int _layers;
    private readonly double _activationBytesPerToken;

    /// <param name="model">The model whose activations are reduced.</param>
    /// <param name="gpu">The GPU, with its interconnect and any measured all-reduces.</param>
    /// <param name="gpus">GPUs in the tensor-parallel group.</param>
    /// <param name="pcieAllReduceEfficiency">Share of one direction of the PCIe link a ring reaches, for a PCIe GPU without measurements.</param>
    public TensorParallelCost(ModelArchitectureSpec model, GpuSpec gpu, int gpus, double pcieAllReduceEfficiency)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        if (!(pcieAllReduceEfficiency > 0 && pcieAllReduceEfficiency <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pcieAllReduceEfficiency), pcieAllReduceEfficiency, "the PCIe all-reduce efficiency must be above 0 and at most 1");
        }
        _gpus = gpus;
        _layers = model.Layers;
        _activationBytesPerToken = model.HiddenSize * 2.0;
        (double latency, double bus)? fitted = gpus > 1 ? FitRing(gpu.AllReduceTimings) : null;
        // Catalog interconnect figures are bidirectional; one direction carries a ring step.
        PcieShare = fitted is null && gpus > 1 && IsPcie(gpu) ? pcieAllReduceEfficiency : null;
        (LatencySeconds, BusBytesPerSecond) = fitted ?? (DatasheetLatencySeconds, Math.Max(1e9, gpu.InterconnectBandwidthGbPerSecond * 1e9 / 2 * (PcieShare ?? 1)));
        Source = fitted is null ? null : gpu.AllReduceTimings[0].Source;
    }

    /// <summary>Latency of one all-reduce, seconds.</summary>
    public double LatencySeconds { get; }

    /// <summary>Bus bandwidth of the ring, bytes/s.</summary>
    public double BusBytesPerSecond { get; }

    /// <summary>Where the fitted latency and bandwidth come from; null when they are the datasheet's (or on one GPU).</summary>
    public string? Source { get; }

    /// <summary>The share of one PCIe direction the ring's bus bandwidth is, when that is how it was set (several PCIe GPUs, nothing measured); else null.</summary>
    public double? PcieShare { get; }

    /// <summary>Whether GPUs of this kind talk only over PCIe.</summary>
    public static bool IsPcie(GpuSpec gpu)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        return string.Equals(gpu.Interconnect, "pcie", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// For a profile's description: "; all-reduce fitted to measurements (…)" when measured,
    /// the PCIe ring's bandwidth when it was set from the PCIe all-reduce efficiency, else nothing.
    /// </summary>
    public string Describe() => Source is not null
        ? FormattableString.Invariant($"; all-reduce {LatencySeconds * 1e6:0} µs + bytes at {BusBytesPerSecond / 1e9:0} GB/s bus bandwidth, fitted to {Source}")
        : PcieShare is double share
            ? FormattableString.Invariant($"; all-reduce over PCIe at {BusBytesPerSecond / 1e9:0.#} GB/s bus bandwidth ({share:0.##} of one direction of the link, the PCIe all-reduce efficiency)")
            : "";

    /// <summary>Seconds one all-reduce of <paramref name="bytes"/> takes among the group.</summary>
    public double AllReduceSeconds(double bytes) => LatencySeconds + 2.0 * (_gpus - 1) / _gpus * bytes / BusBytesPerSecond;

    /// <summary>Seconds the step's all-reduces take; 0 on one GPU.</summary>
    public double StepSeconds(int tokens) => _gpus <= 1 ? 0 : 2 * _layers * AllReduceSeconds(tokens * _activationBytesPerToken);

    /// <summary>
    /// The ring's latency and bus bandwidth that best fit every measured all-reduce of at least
    /// <see cref="SmallestFittedBytes"/> (least squares on the relative error, all GPU counts
    /// together); null when there are too few such points or the fit is not physical.
    /// </summary>
    public static (double LatencySeconds, double BusBytesPerSecond)? FitRing(IReadOnlyList<CollectiveTimingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        // time = latency + x / bus, x = 2(n − 1)/n · bytes; each point weighted by 1/time.
        double s00 = 0, s01 = 0, s11 = 0, b0 = 0, b1 = 0;
        int points = 0;
        foreach (CollectiveTimingTable t in tables)
        {
            for (int i = 0; i < t.Bytes.Count; i++)
            {
                if (t.Bytes[i] < SmallestFittedBytes || t.Gpus < 2 || !(t.Seconds[i] > 0))
                {
                    continue;
                }
                double w2 = 1 / (t.Seconds[i] * t.Seconds[i]);
                double x = 2.0 * (t.Gpus - 1) / t.Gpus * t.Bytes[i];
                s00 += w2;
                s01 += w2 * x;
                s11 += w2 * x * x;
                b0 += w2 * t.Seconds[i];
                b1 += w2 * x * t.Seconds[i];
                points++;
            }
        }
        double det = s00 * s11 - s01 * s01;
        if (points < 2 || !(det > 0))
        {
            return null;
        }
        double latency = (s11 * b0 - s01 * b1) / det;
        double secondsPerByte = (s00 * b1 - s01 * b0) / det;
        return latency >= 0 && secondsPerByte > 0 ? (latency, 1 / secondsPerByte) : null;
    }
}
