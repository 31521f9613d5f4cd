namespace Planner.Calibration.Runtime;

/// <summary>How a session runs: execution provider and device, CPU threads, graph optimizations, profiling.</summary>
public sealed record SessionSettings
{
    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>GPU index for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>Threads for one operator (0: ONNX Runtime's default, one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Full graph optimizations (operator fusion, constant folding, weight prepacking); off only to debug a model.</summary>
    public bool OptimizeGraph { get; init; } = true;

    /// <summary>
    /// When set, ONNX Runtime's profiler records every run of the session as Chrome-trace JSON in a
    /// file starting with this path (ONNX Runtime appends the start time); null: no profiling.
    /// </summary>
    public string? ProfilePathPrefix { get; init; }
}
