namespace Planner.Core.Specs;

/// <summary>Inference-engine limits and the efficiencies of the roofline step-time estimate.</summary>
public sealed record ServingEngineSpec
{
    public Precision WeightPrecision { get; init; } = Precision.Bf16;
    public Precision KvCachePrecision { get; init; } = Precision.Bf16;
    public int MaxConcurrentSequences { get; init; } = 256;
    /// <summary>Fraction of GPU memory the engine may use (vLLM's gpu_memory_utilization).</summary>
    public double GpuMemoryUtilization { get; init; } = 0.9;
    /// <summary>Memory kept for activations and CUDA graphs, per GPU.</summary>
    public double ActivationReserveGb { get; init; } = 2.0;
    /// <summary>Achieved fraction of peak tensor FLOPs in prefill-heavy steps (default fitted to published TensorRT-LLM and vLLM figures, see calibration/VALIDATION.md).</summary>
    public double ComputeEfficiency { get; init; } = 0.5;
    /// <summary>Achieved fraction of peak HBM bandwidth in decode steps (see calibration/VALIDATION.md).</summary>
    public double MemoryEfficiency { get; init; } = 0.7;
    /// <summary>Per-step fixed cost: kernel launches, scheduling, sampling (see calibration/VALIDATION.md).</summary>
    public double StepOverheadMs { get; init; } = 1.0;
    /// <summary>Split long prompts into chunks that share steps with decoding (Sarathi-style), instead of prefill-only steps that pause decoding.</summary>
    public bool ChunkedPrefill { get; init; } = true;
    /// <summary>Token budget of one step: decode tokens plus prefill (chunk) tokens (vLLM's max_num_batched_tokens).</summary>
    public int MaxBatchedTokens { get; init; } = 2048;
    /// <summary>Whether the cached prefix of a prompt skips prefill (automatic prefix caching).</summary>
    public bool PrefixCaching { get; init; } = true;
    /// <summary>Optional measured profile replacing the roofline (name for reports).</summary>
    public string? PerformanceProfileName { get; init; }
    /// <summary>Calibrated step-time profile (calibration/profiles/*.yaml); null uses the roofline estimate.</summary>
    public CalibratedProfileSpec? PerformanceProfile { get; init; }
}

/// <summary>Numeric precision of weights or KV cache.</summary>
public enum Precision
{
    Fp32,
    Bf16,
    Fp16,
    Fp8,
    Int4,
    /// <summary>4-bit floating point with a scale per block of 16 (NVIDIA's NVFP4): Blackwell's FP4 tensor cores, else weight-only.</summary>
    Fp4,
}
