namespace Planner.Core.Specs;

/// <summary>Inference-engine limits and the efficiencies of the roofline step-time estimate.</summary>
public sealed record ServingEngineSpec
{
    public Precision WeightPrecision { get; init; } = Precision.Bf16;
    public Precision KvCachePrecision { get; init; } = Precision.Bf16;
    public int MaxConcurrentSequences { get; init; } = 256;
    /// <summary>Fraction of GPU memory the engine may use (vLLM's gpu_memory_utilization).</summary>
    public double GpuMemoryUtilization { get; init; } = 0.9;
    /// <summary>
    /// When set, the KV cache takes this share of the memory left once the weights and the
    /// activation reserve are placed (TensorRT-LLM's free_gpu_memory_fraction), instead of what
    /// <see cref="GpuMemoryUtilization"/> of the whole memory leaves.
    /// </summary>
    public double? KvCacheShareOfFreeMemory { get; init; }
    /// <summary>Memory kept for activations and CUDA graphs, per GPU.</summary>
    public double ActivationReserveGb { get; init; } = 2.0;
    /// <summary>Achieved fraction of peak tensor FLOPs, by the weight multiplies and by attention (default: the best fit to 133 published TensorRT-LLM, vLLM and NIM figures, see calibration/VALIDATION.md).</summary>
    public double ComputeEfficiency { get; init; } = 0.6;
    /// <summary>Achieved fraction of peak HBM bandwidth, reading the weights and the KV cache (fitted likewise, see calibration/VALIDATION.md).</summary>
    public double MemoryEfficiency { get; init; } = 0.75;
    /// <summary>Per-step fixed cost: kernel launches, scheduling, sampling (see calibration/VALIDATION.md).</summary>
    public double StepOverheadMs { get; init; } = 1.0;
    /// <summary>
    /// Achieved share of one direction of the PCIe link by a ring all-reduce among GPUs joined
    /// only by PCIe (no NVLink), where the catalog has no measured all-reduce of the GPU: the
    /// ring's bus bandwidth is this share of half the datasheet's bidirectional PCIe figure
    /// (fitted to the published tensor-parallel rows on L40S and PCIe A100 GPUs, each GPU's also
    /// predicted from the other's alone, see calibration/VALIDATION.md). NVLink GPUs and measured
    /// GPUs do not use it.
    /// </summary>
    public double PcieAllReduceEfficiency { get; init; } = 0.5;
    /// <summary>
    /// Share of a decode step's attention (the multiplies over each sequence's context and the KV
    /// cache it reads) that does not divide among the GPUs of a tensor-parallel group: on n GPUs it
    /// takes (s + (1 − s)/n) of its time on one, Amdahl's law, where the roofline alone would give
    /// 1/n. Each GPU holds 1/n of the KV heads, and the serving engines' decode-attention kernels
    /// read a few heads more slowly than many (the published TensorRT-LLM rows read their share of
    /// the cache at 14–34% of the datasheet over four and eight GPUs against 45–68% on one). Fitted
    /// to the published rows with the other efficiencies (see calibration/VALIDATION.md); one GPU
    /// per replica does not use it.
    /// </summary>
    public double TensorParallelAttentionSerialShare { get; init; } = 0.1;
    /// <summary>
    /// Screened, not adopted (default 0, not read from scenarios): passes of each token's
    /// activations through memory per layer outside the weight multiplies and attention (norms,
    /// residual adds, the gated activation, the multiplies' own inputs and outputs). The roofline
    /// charges passes × layers × 2 bytes × (hidden × n + intermediate × experts per token) per
    /// token at the memory ceiling of a group of n GPUs: every GPU holds the hidden state whole and
    /// its share of the MLP's. `planner validate-performance --grid activation_passes=…` fits it
    /// (calibration/VALIDATION.md, "Where and why the model deviates", says what it did).
    /// </summary>
    public double ActivationPasses { get; init; }
    /// <summary>
    /// Screened, not adopted (default false, not read from scenarios): the roofline's step time
    /// leaves the vocabulary matrices out of the per-token multiplies and the weight read, and
    /// charges the LM head instead, read once a step at 16 bits and multiplied once per logit
    /// (each decoding sequence, and one for a step that prefills); the input embedding is a lookup
    /// and costs nothing. `planner validate-performance --vocabulary-step-time` screens it.
    /// </summary>
    public bool VocabularyInStepTime { get; init; }
    /// <summary>The serving engine whose scheduling defaults the other settings start from (<see cref="ServingEngineProfiles"/>), for reports.</summary>
    public string Profile { get; init; } = ServingEngineProfiles.Vllm;
    /// <summary>Split long prompts into chunks of at most the step's token budget (Sarathi-style), instead of prefilling each prompt whole in one step.</summary>
    public bool ChunkedPrefill { get; init; } = true;
    /// <summary>
    /// Whether prompts (or their chunks) are prefilled in the same steps as the decoding sequences,
    /// which then share the step's token budget (vLLM's V1 scheduler, TensorRT-LLM's in-flight
    /// batching); false runs prefill-only steps that pause decoding (SGLang by default, vLLM's V0
    /// scheduler without chunked prefill). Null: the same as <see cref="ChunkedPrefill"/>, as
    /// before this setting existed.
    /// </summary>
    public bool? MixedBatches { get; init; }
    /// <summary>
    /// Admit a request only when the KV cache can hold its prompt and its whole output beside what
    /// every admitted request may still grow to (TensorRT-LLM's GUARANTEED_NO_EVICT capacity
    /// scheduler), so no sequence is ever preempted; false admits on the prompt alone and preempts
    /// the newest sequence when a step would overflow the cache (vLLM, SGLang).
    /// </summary>
    public bool ReserveOutputKv { get; init; }
    /// <summary>Whether prefill shares steps with decoding: <see cref="MixedBatches"/>, else <see cref="ChunkedPrefill"/>.</summary>
    public bool PrefillSharesSteps => MixedBatches ?? ChunkedPrefill;
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
