namespace Planner.Calibration.Onnx;

/// <summary>How a session runs: execution provider and device, CPU threads, graph optimizations.</summary>
public sealed record OrtSessionSettings
{
    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>GPU index for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>Threads for one operator (0: ONNX Runtime's default, one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Full graph optimizations (operator fusion, constant folding, weight prepacking); off only to debug a model.</summary>
    public bool OptimizeGraph { get; init; } = true;
}
