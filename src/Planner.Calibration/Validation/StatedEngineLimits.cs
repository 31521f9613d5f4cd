using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// Serving-engine limits a source states for its run (optional columns of <c>published.csv</c>).
/// They are facts of the measured setup, like its precision and tensor parallelism, so they apply
/// in every column of the validation — the engine defaults', the grid's and the row's own engine's
/// — over whatever that column's engine would otherwise use. A null limit leaves the column's own.
/// </summary>
/// <param name="MaxNumSeqs">Sequences a step may hold (vLLM's <c>--max-num-seqs</c>, TensorRT-LLM's <c>max_batch_size</c>).</param>
/// <param name="MaxNumBatchedTokens">Tokens a step may process (vLLM's <c>--max-num-batched-tokens</c>, TensorRT-LLM's <c>max_num_tokens</c>).</param>
/// <param name="GpuMemoryUtilization">Share of the whole GPU's memory the engine may use, weights included (vLLM's and SGLang's rule).</param>
/// <param name="KvCacheFreeMemoryFraction">Share of the memory the weights leave that the KV cache takes (TensorRT-LLM's <c>kv_cache_free_gpu_mem_fraction</c>).</param>
/// <param name="ChunkedPrefill">Whether long prompts are split across steps.</param>
public sealed record StatedEngineLimits(int? MaxNumSeqs, int? MaxNumBatchedTokens, double? GpuMemoryUtilization, double? KvCacheFreeMemoryFraction, bool? ChunkedPrefill)
{
    /// <summary>No stated limit.</summary>
    public static StatedEngineLimits None { get; } = new(null, null, null, null, null);

    /// <summary>Whether the source stated any limit.</summary>
    public bool Any => this != None;

    /// <summary><paramref name="engine"/> with every stated limit in place of its own.</summary>
    public ServingEngineSpec ApplyTo(ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine with
        {
            MaxConcurrentSequences = MaxNumSeqs ?? engine.MaxConcurrentSequences,
            MaxBatchedTokens = MaxNumBatchedTokens ?? engine.MaxBatchedTokens,
            GpuMemoryUtilization = GpuMemoryUtilization ?? engine.GpuMemoryUtilization,
            // A stated whole-GPU share means the whole-GPU rule; a stated free-memory share, TensorRT-LLM's.
            KvCacheShareOfFreeMemory = KvCacheFreeMemoryFraction ?? (GpuMemoryUtilization is null ? engine.KvCacheShareOfFreeMemory : null),
            ChunkedPrefill = ChunkedPrefill ?? engine.ChunkedPrefill,
        };
    }

    /// <summary>The stated limits as the report lists them, for example "max_num_seqs 512, chunked prefill off"; empty when none.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (MaxNumSeqs is int seqs)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max_num_seqs {seqs:#,##0}"));
        }
        if (MaxNumBatchedTokens is int tokens)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max_num_batched_tokens {tokens:#,##0}"));
        }
        if (GpuMemoryUtilization is double gpu)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"gpu_memory_utilization {gpu:0.###}"));
        }
        if (KvCacheFreeMemoryFraction is double free)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"kv_cache_free_memory_fraction {free:0.###}"));
        }
        if (ChunkedPrefill is bool chunked)
        {
            parts.Add(chunked ? "chunked prefill on" : "chunked prefill off");
        }
        return string.Join(", ", parts);
    }
}
