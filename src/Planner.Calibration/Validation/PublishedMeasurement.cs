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

    /// <summary>
    /// Regime of a closed-loop benchmark: <see cref="Concurrency"/> clients each send a request at
    /// the start and the next one the moment the last finishes, until <see cref="Requests"/> have
    /// been sent; latency figures are medians over the requests.
    /// </summary>
    public const string ConcurrencyRegime = "concurrency";

    /// <summary>
    /// Regime of an open-loop benchmark at a fixed rate: <see cref="Requests"/> requests arrive as a
    /// Poisson process of <see cref="RequestRate"/> per second, the first at the start; latency
    /// figures are medians over the requests.
    /// </summary>
    public const string RateRegime = "rate";

    /// <summary>The load regimes a row may name.</summary>
    public static IReadOnlyList<string> Regimes { get; } = [OfflineRegime, BatchRegime, ConcurrencyRegime, RateRegime];

    /// <summary>The metrics a row may name, in the order reports list them.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["output_tokens_per_s", "requests_per_s", "e2e_latency_ms", "ttft_ms", "tpot_ms", "itl_ms"];

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

    /// <summary>The engine whose scheduling defaults the row is simulated with (one of <see cref="ServingEngineProfiles.Names"/>).</summary>
    public string EngineProfile { get; init; } = ServingEngineProfiles.Vllm;

    /// <summary><see cref="OfflineRegime"/> or <see cref="BatchRegime"/>.</summary>
    public required string Regime { get; init; }
    public required int InputTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required int Requests { get; init; }

    /// <summary>Batch size of a batch row, clients of a concurrency row (over all its GPUs); null otherwise.</summary>
    public required int? Concurrency { get; init; }

    /// <summary>Requests per second of a rate row (over all its GPUs); null otherwise.</summary>
    public double? RequestRate { get; init; }

    /// <summary>
    /// Relative spread of the lengths of a concurrency or rate row: each request's prompt and
    /// output are drawn uniformly within ± this share of <see cref="InputTokens"/> and
    /// <see cref="OutputTokens"/>; 0 for fixed lengths.
    /// </summary>
    public double LengthSpread { get; init; }

    /// <summary>
    /// How a concurrency or rate row's latency figure summarises its requests: <c>median</c> (the
    /// default), <c>mean</c> (for <c>ttft_ms</c>, <c>e2e_latency_ms</c> and <c>itl_ms</c>, whose
    /// mean is every gap after a first token over their count, as benchmark clients average it)
    /// or a percentile <c>p90</c>, <c>p95</c>, <c>p99</c> (linear between the nearest ranks, as
    /// NumPy's default that benchmark clients use).
    /// </summary>
    public string Statistic { get; init; } = MedianStatistic;

    /// <summary>The default statistic of a latency figure.</summary>
    public const string MedianStatistic = "median";

    /// <summary>The mean, for the metrics that allow it.</summary>
    public const string MeanStatistic = "mean";

    /// <summary>The statistics a row may name.</summary>
    public static IReadOnlyList<string> Statistics { get; } = [MedianStatistic, MeanStatistic, "p90", "p95", "p99"];

    /// <summary>The quantile <see cref="Statistic"/> names (0.5 for the median, 0.9 for p90); null for the mean.</summary>
    public double? Quantile => Statistic switch
    {
        MeanStatistic => null,
        MedianStatistic => 0.5,
        _ => int.Parse(Statistic.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) / 100.0,
    };

    /// <summary>
    /// Per-request lengths the benchmark drew (a row's <c>lengths_file</c>), sent in file order in
    /// place of <see cref="InputTokens"/> and <see cref="OutputTokens"/>; null for fixed (or spread) lengths.
    /// </summary>
    public RequestLengths? Lengths { get; init; }

    /// <summary>Engine limits the source states for its run; they apply in every column (<see cref="StatedEngineLimits"/>).</summary>
    public StatedEngineLimits Limits { get; init; } = StatedEngineLimits.None;

    /// <summary>
    /// Which requests of a concurrency row its figures summarise: <see cref="AllMeasurement"/> (the
    /// default: every request from the opening burst, in which every client sends at once, as
    /// <c>vllm bench serve</c> and AIPerf's request-count mode report) or
    /// <see cref="SteadyMeasurement"/> (only the loop's steady state, as perf_analyzer's stable
    /// measurement windows report).
    /// </summary>
    public string Measurement { get; init; } = AllMeasurement;

    /// <summary>Every request of the run.</summary>
    public const string AllMeasurement = "all";

    /// <summary>
    /// The closed loop's steady state: the requests sent from the moment every client's first
    /// request has finished until the last request is sent, while all clients are busy; throughput
    /// is the output of the requests that finish in that window over its length.
    /// </summary>
    public const string SteadyMeasurement = "steady";

    /// <summary>Whether requests arrive over time (a concurrency or rate row) rather than all at once.</summary>
    public bool IsOnline => Regime is ConcurrencyRegime or RateRegime;

    /// <summary>One of <see cref="Metrics"/>.</summary>
    public required string Metric { get; init; }

    /// <summary>The published figure, in the metric's unit.</summary>
    public required double Value { get; init; }

    /// <summary>Tensor-parallel groups the published figure covers.</summary>
    public int Replicas => Gpus / TensorParallel;

    /// <summary>What identifies the row's source: two rows with the same key come from the same publication.</summary>
    public string SourceKey => Source + "\n" + Url;
}
