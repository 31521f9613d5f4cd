namespace Planner.Calibration.Benchmarking;

/// <summary>The machine and runtime a measurement was made on, recorded beside it.</summary>
public sealed record EnvironmentInfo
{
    public required string CpuModel { get; init; }

    public required int LogicalCores { get; init; }

    public required double MemoryGb { get; init; }

    public required string OperatingSystem { get; init; }

    public string? GpuName { get; init; }

    public string? GpuDriver { get; init; }

    public double? GpuMemoryGb { get; init; }

    public required string OnnxRuntimeVersion { get; init; }

    public required string OnnxRuntimeBuild { get; init; }

    /// <summary>The native library that was loaded (from the process's memory map).</summary>
    public required string OnnxRuntimeLibrary { get; init; }

    /// <summary>Hardware devices ONNX Runtime found, in words (its <c>GetEpDevices</c>).</summary>
    public IReadOnlyList<string> OnnxRuntimeDevices { get; init; } = [];

    /// <summary>Planner's name of the execution provider: cpu, cuda or tensorrt.</summary>
    public required string ExecutionProvider { get; init; }

    public int DeviceId { get; init; }

    /// <summary>Intra-op threads asked for (0: ONNX Runtime's default).</summary>
    public required int Threads { get; init; }

    public required string DotnetVersion { get; init; }

    /// <summary>The system's 1-minute load average when probed (Linux), to tell a quiet machine from a busy one.</summary>
    public double? LoadAverageOneMinute { get; init; }
}
