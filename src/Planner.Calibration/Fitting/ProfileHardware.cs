namespace Planner.Calibration.Fitting;

/// <summary>The <c>hardware:</c> block of a profile file.</summary>
public sealed record ProfileHardware
{
    /// <summary>In words, for reports: <c>AMD EPYC (2 threads)</c>, <c>NVIDIA H100 80GB HBM3</c>.</summary>
    public required string Name { get; init; }

    /// <summary>cpu or gpu.</summary>
    public required string Kind { get; init; }

    /// <summary>Catalog id of the GPU, when there is one.</summary>
    public string? Gpu { get; init; }

    /// <summary>cpu, cuda, tensorrt — or the serving engine of imported measurements (vllm, tensorrt-llm).</summary>
    public required string ExecutionProvider { get; init; }

    public string? OnnxRuntimeVersion { get; init; }

    public int? Threads { get; init; }
}
