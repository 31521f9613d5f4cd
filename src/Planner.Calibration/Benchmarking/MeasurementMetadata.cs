using Planner.Calibration.Models;

namespace Planner.Calibration.Benchmarking;

/// <summary>Everything about a measurement file that is not a row: model, hardware, runtime, plan, sources (the .json beside the .csv).</summary>
public sealed record MeasurementMetadata
{
    /// <summary>Version 2 added <see cref="OperatorsFile"/>; version 1 files read the same.</summary>
    public const string CurrentSchema = "planner-measurements/2";

    public string Schema { get; init; } = CurrentSchema;

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Catalog id of the model (or the ONNX file's name).</summary>
    public required string Model { get; init; }

    /// <summary>How the rows were made: built_in_decoder, onnx_file, vllm_benchmark_serving, published_table.</summary>
    public required string Method { get; init; }

    /// <summary>Hardware id used in paths: <c>cpu-amd-epyc</c>, <c>h100-sxm</c>.</summary>
    public required string Hardware { get; init; }

    /// <summary>cpu or gpu.</summary>
    public required string HardwareKind { get; init; }

    /// <summary>The GPU's catalog id, when known.</summary>
    public string? Gpu { get; init; }

    /// <summary>Execution provider or serving engine: cpu, cuda, tensorrt, vllm, …</summary>
    public required string ExecutionProvider { get; init; }

    public string? OnnxRuntimeVersion { get; init; }

    public int? Threads { get; init; }

    public string? Precision { get; init; }

    /// <summary>Dimensions of the built-in decoder measured.</summary>
    public DecoderDimensions? Dimensions { get; init; }

    /// <summary>Layers of the whole model that block timings are composed to.</summary>
    public int? Layers { get; init; }

    /// <summary>Blocks in the measured block stack.</summary>
    public int? BlocksMeasured { get; init; }

    public string? OnnxFile { get; init; }

    public EnvironmentInfo? Environment { get; init; }

    public BenchmarkPlan? Plan { get; init; }

    public IReadOnlyList<ImportedSource> Sources { get; init; } = [];

    public double? ElapsedSeconds { get; init; }

    /// <summary>File name of the operator breakdown beside the CSV (<c>&lt;stamp&gt;.operators.csv</c>), or null when the run was not profiled.</summary>
    public string? OperatorsFile { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
