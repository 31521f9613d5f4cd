namespace Planner.Core.Specs;

/// <summary>
/// The serving engines a scenario may name (<c>engine: {profile: …}</c>) and the scheduling
/// defaults each starts from: how many sequences run at once, the token budget of a step, whether
/// prompts are chunked and whether prefill shares steps with decoding, and how much GPU memory
/// the KV cache gets. Each value is the engine's own default, read in its source code or
/// documentation (cited in scenarios/README.md), including where it depends on the GPU, except
/// vLLM's larger limits on large GPUs (see <see cref="Defaults"/>); any of them can still be set
/// in the scenario. The step-time efficiencies and the step overhead stay
/// the fitted defaults for every engine: no measurement here separates one engine's kernels or
/// per-step overhead from another's.
/// </summary>
public static class ServingEngineProfiles
{
    /// <summary>vLLM's V1 engine (<c>vllm serve</c>, versions 0.8 to 0.11), the default; its limits on smaller GPUs everywhere (see <see cref="Defaults"/>).</summary>
    public const string Vllm = "vllm";

    /// <summary>TensorRT-LLM's PyTorch backend (<c>trtllm-serve</c>, LLM API, 1.x).</summary>
    public const string TensorRtLlm = "tensorrt-llm";

    /// <summary>SGLang (<c>sglang.launch_server</c>, 0.4 and later).</summary>
    public const string SgLang = "sglang";

    /// <summary>The names a scenario may use, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Vllm, TensorRtLlm, SgLang];

    private const double GiB = 1073741824;

    /// <summary>
    /// The defaults of engine <paramref name="name"/> (one of <see cref="Names"/>) on
    /// <paramref name="gpu"/>; without a GPU, those of a GPU under 35 GiB.
    /// </summary>
    public static ServingEngineSpec Defaults(string name, GpuSpec? gpu)
    {
        double memoryGiB = gpu is null ? 0 : gpu.MemoryGb * 1e9 / GiB;
        return name switch
        {
            // vllm/engine/arg_utils.py (0.8.4 and 0.11): `vllm serve` takes 2048 batched tokens and
            // 256 sequences, chunked prefill always on, decodes scheduled first and prompts in the
            // rest of the budget, gpu_memory_utilization 0.9. On GPUs of 70 GiB or more other than
            // the A100 vLLM itself takes 8192 and 1024; the planner keeps 2048 and 256 there, because
            // its step times over-predict throughput at such batches (calibration/VALIDATION.md).
            Vllm => new ServingEngineSpec(),
            // tensorrt_llm/llmapi/llm_args.py: max_batch_size 2048, max_num_tokens 8192,
            // enable_chunked_prefill False, kv_cache_config.free_gpu_memory_fraction 0.9, the
            // GUARANTEED_NO_EVICT capacity scheduler; in-flight batching runs context and
            // generation requests in the same step.
            TensorRtLlm => new ServingEngineSpec
            {
                Profile = TensorRtLlm,
                MaxConcurrentSequences = 2048,
                MaxBatchedTokens = 8192,
                ChunkedPrefill = false,
                MixedBatches = true,
                KvCacheShareOfFreeMemory = 0.9,
                ReserveOutputKv = true,
            },
            // python/sglang/srt/server_args.py: chunked_prefill_size by GPU memory (2048 under
            // 35 GiB, 4096 under 60, 8192 under 160, 16384 above); enable_mixed_chunk False, so a
            // step that prefills does not decode; max_running_requests from the KV pool, at least
            // 2048; mem_fraction_static 0.88 where the memory is not known (its own rule gives
            // about 0.9 on large GPUs).
            SgLang => new ServingEngineSpec
            {
                Profile = SgLang,
                MaxConcurrentSequences = 2048,
                MaxBatchedTokens = memoryGiB < 35 ? 2048 : memoryGiB < 60 ? 4096 : memoryGiB < 160 ? 8192 : 16384,
                ChunkedPrefill = true,
                MixedBatches = false,
                GpuMemoryUtilization = 0.88,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"serving engine '{name}' is not one of {string.Join(", ", Names)}"),
        };
    }

    /// <summary>
    /// <paramref name="engine"/>, set up for <paramref name="from"/>, moved to <paramref name="to"/>:
    /// a batch limit at its engine's default on the first GPU takes the engine's default on the
    /// second (a search over GPUs compares each as its engine would run there); any other value,
    /// one the scenario chose, is kept.
    /// </summary>
    public static ServingEngineSpec Retarget(ServingEngineSpec engine, GpuSpec from, GpuSpec to)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!Names.Contains(engine.Profile))
        {
            return engine;
        }
        ServingEngineSpec before = Defaults(engine.Profile, from), after = Defaults(engine.Profile, to);
        return engine with
        {
            MaxBatchedTokens = engine.MaxBatchedTokens == before.MaxBatchedTokens ? after.MaxBatchedTokens : engine.MaxBatchedTokens,
            MaxConcurrentSequences = engine.MaxConcurrentSequences == before.MaxConcurrentSequences ? after.MaxConcurrentSequences : engine.MaxConcurrentSequences,
        };
    }

    /// <summary>How <paramref name="engine"/> schedules, in a phrase for reports: "vllm scheduling: …".</summary>
    public static string Describe(ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        string prompts = (engine.ChunkedPrefill, engine.PrefillSharesSteps) switch
        {
            (true, true) => "chunked prompts sharing steps with decoding",
            (false, true) => "whole prompts sharing steps with decoding",
            (true, false) => "chunked prompts in prefill-only steps",
            _ => "whole prompts in prefill-only steps",
        };
        string admission = engine.ReserveOutputKv ? ", KV reserved for each whole request (no preemption)" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{engine.Profile} scheduling: up to {engine.MaxConcurrentSequences:#,##0} sequences and {engine.MaxBatchedTokens:#,##0} tokens a step, {prompts}{admission}");
    }
}
