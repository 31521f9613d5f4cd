using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// One published throughput or latency figure (a row of <c>calibration/validation/published.csv</c>)
/// and the self-hosted setup that reproduces it: the catalog model and GPU, the precision, the
/// tensor-parallel group and the load regime the source measured.
/// </summary>
public sealed record PublishedMeasurement
{
    /// <summary>Regime in which a source's request count arrives at once and the figure is output tokens over the makespan.</summary>
    public const string OfflineRegime = "offline";

    /// <summary>Regime in which a fixed batch arrives at once and the figure is its latency.</summary>
    public const string BatchRegime = "batch";

    /// <summary>The load regimes a row may name.</summary>
    public static IReadOnlyList<string> Regimes { get; } = [OfflineRegime, BatchRegime];

    /// <summary>The metrics a row may name, in the order reports list them.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["output_tokens_per_s", "e2e_latency_ms", "ttft_ms", "tpot_ms", "itl_ms"];

    public required string Id { get; init; }
    public required string Source { get; init; }
    public required string Url { get; init; }
    public required string Date { get; init; }
    public required string ModelLabel { get; init; }
    public required string GpuLabel { get; init; }
    public required ModelArchitectureSpec Model { get; init; }
    public required GpuSpec Gpu { get; init; }
    public required int Gpus { get; init; }
    public required int TensorParallel { get; init; }
    public required Precision WeightPrecision { get; init; }
    public required Precision KvPrecision { get; init; }

    /// <summary>Weight precision as the source wrote it, with the KV-cache precision when it differs.</summary>
    public required string PrecisionText { get; init; }

    /// <summary>Serving engine and version as the source states them.</summary>
    public required string Engine { get; init; }

    /// <summary><see cref="OfflineRegime"/> or <see cref="BatchRegime"/>.</summary>
    public required string Regime { get; init; }
    public required int InputTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required int Requests { get; init; }

    /// <summary>Batch size of a batch row; null for offline rows.</summary>
    public required int? Concurrency { get; init; }

    /// <summary>One of <see cref="Metrics"/>.</summary>
    public required string Metric { get; init; }

    /// <summary>The published figure, in the metric's unit.</summary>
    public required double Value { get; init; }

    /// <summary>Tensor-parallel groups the published figure covers.</summary>
    public int Replicas => Gpus / TensorParallel;

    /// <summary>What identifies the row's source: two rows with the same key come from the same publication.</summary>
    public string SourceKey => Source + "\n" + Url;
}
