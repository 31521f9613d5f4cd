using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Memory arithmetic of one replica: weight bytes, KV bytes per token, and the KV-cache
/// capacity left once weights and the activation reserve are placed in the usable memory (all of
/// it, or the share of what is left that <see cref="ServingEngineSpec.KvCacheShareOfFreeMemory"/> gives).
/// </summary>
public sealed record ReplicaFootprint
{
    /// <summary>KV-cache blocks hold this many tokens (vLLM's default page).</summary>
    public const int BlockTokens = 16;

    /// <summary>A replica must hold at least this many tokens of KV cache to be worth running.</summary>
    public const int MinimumKvTokens = 4096;

    public required double WeightBytes { get; init; }
    public required double KvBytesPerToken { get; init; }
    /// <summary>Memory the weights and the KV cache may take, over the replica's GPUs.</summary>
    public required double UsableBytes { get; init; }
    public required long KvCapacityTokens { get; init; }

    public bool Fits => KvCapacityTokens >= MinimumKvTokens;

    public static ReplicaFootprint Compute(ModelArchitectureSpec model, GpuSpec gpu, int gpusPerReplica, ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(engine);
        double weightBytes = ModelWeights.Bytes(model, engine.WeightPrecision);
        double kvBytesPerToken = 2.0 * model.Layers * model.KvHeads * model.HeadDim * PrecisionBytes.Of(engine.KvCachePrecision);
        double usable, kvBytes;
        if (engine.KvCacheShareOfFreeMemory is double share)
        {
            // Weights and the reserve may take all the memory; the KV cache a share of what is left.
            usable = gpusPerReplica * (gpu.MemoryGb * 1e9 - engine.ActivationReserveGb * 1e9);
            kvBytes = share * (usable - weightBytes);
        }
        else
        {
            usable = gpusPerReplica * (gpu.MemoryGb * 1e9 * engine.GpuMemoryUtilization - engine.ActivationReserveGb * 1e9);
            kvBytes = usable - weightBytes;
        }
        long tokens = kvBytes <= 0 ? 0 : (long)(kvBytes / kvBytesPerToken) / BlockTokens * BlockTokens;
        return new ReplicaFootprint { WeightBytes = weightBytes, KvBytesPerToken = kvBytesPerToken, UsableBytes = usable, KvCapacityTokens = tokens };
    }

    /// <summary>Smallest GPU count (up to 64) on which the model fits, or null.</summary>
    public static int? MinimumGpus(ModelArchitectureSpec model, GpuSpec gpu, ServingEngineSpec engine)
    {
        for (int g = 1; g <= 64; g *= 2)
        {
            if (Compute(model, gpu, g, engine).Fits)
            {
                return g;
            }
        }
        return null;
    }

    /// <summary>Why the model does not fit, with the numbers and what would.</summary>
    public static string DescribeMisfit(ModelArchitectureSpec model, GpuSpec gpu, int gpusPerReplica, ServingEngineSpec engine)
    {
        ReplicaFootprint f = Compute(model, gpu, gpusPerReplica, engine);
        int? minimum = MinimumGpus(model, gpu, engine);
        string need = string.Create(CultureInfo.InvariantCulture,
            $"{model.Name} in {engine.WeightPrecision.ToString().ToLowerInvariant()} needs {f.WeightBytes / 1e9:F1} GB of weights plus {MinimumKvTokens * f.KvBytesPerToken / 1e9:F1} GB of KV cache for {MinimumKvTokens} tokens; {gpusPerReplica} × {gpu.Name} leave {f.UsableBytes / 1e9:F1} GB usable");
        return minimum is int g
            ? need + string.Create(CultureInfo.InvariantCulture, $" (it fits on {g} or more {gpu.Name} GPUs per replica, or at a lower precision)")
            : need + " (it does not fit on up to 64 of these GPUs; choose a larger GPU or a lower precision)";
    }
}
