namespace Planner.Calibration.Benchmarking;

/// <summary>
/// One row of an operator breakdown: at one measured point, the kernel time per run that ONNX
/// Runtime's profiler gave all nodes of one operator type on one provider (a row of
/// <c>&lt;stamp&gt;.operators.csv</c>).
/// </summary>
public sealed record OperatorTime
{
    public required string Component { get; init; }

    public required int Blocks { get; init; }

    public required BenchmarkPhase Phase { get; init; }

    public required int Batch { get; init; }

    public required int NewTokens { get; init; }

    public required int PastTokens { get; init; }

    /// <summary>ONNX operator type after ONNX Runtime's graph optimizations (fused ones keep their fused name, for example <c>SimplifiedLayerNormalization</c>).</summary>
    public required string OpType { get; init; }

    /// <summary>Execution provider that ran the nodes, ONNX Runtime's name.</summary>
    public required string Provider { get; init; }

    /// <summary>Nodes of this type in the optimized graph.</summary>
    public required int Nodes { get; init; }

    /// <summary>Profiled runs the mean is over.</summary>
    public required int Runs { get; init; }

    /// <summary>Mean over the runs of the summed kernel time of these nodes, seconds.</summary>
    public required double KernelSecondsPerRun { get; init; }

    /// <summary>Fraction of the run's summed kernel time (all operator types of the point add to 1).</summary>
    public required double Share { get; init; }
}
