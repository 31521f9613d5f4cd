using System.Globalization;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Optimization;

/// <summary>
/// One configuration the optimizer can deploy: an autoscaled pool of one GPU type, optionally
/// beside a fixed base pool of another type (a mix). In a mix the base pool takes each hour's
/// traffic up to <see cref="BaseRequestsPerSecond"/> and the autoscaled pool the rest; the two
/// run as independent fleets, and the mix's latency is the worse of the two.
/// </summary>
public sealed record DeploymentCandidate
{
    /// <summary>Stable identifier (also the seed key of its service randomness).</summary>
    public required string Id { get; init; }

    /// <summary>The autoscaled pool: the whole deployment unless <see cref="Base"/> is set.</summary>
    public required SelfHostedOptionSpec Autoscaled { get; init; }

    /// <summary>Fixed pool of a mix (its <see cref="SelfHostedOptionSpec.FixedReplicas"/> set), or null.</summary>
    public SelfHostedOptionSpec? Base { get; init; }

    /// <summary>Most requests per second the base pool takes in any hour (0 without a base pool).</summary>
    public double BaseRequestsPerSecond { get; init; }

    public bool IsMix => Base is not null;

    /// <summary>
    /// What moving to or from this candidate means operationally: GPU type, GPUs per replica and
    /// weight precision of each pool. Candidates with the same hardware differ only in engine and
    /// autoscaler settings, which change without a migration.
    /// </summary>
    public string Hardware => Base is SelfHostedOptionSpec b ? $"{HardwareOf(b)} base + {HardwareOf(Autoscaled)}" : HardwareOf(Autoscaled);

    /// <summary>Short description for tables, for example "l4×1 fp8, 64 seqs, target 16, min 1".</summary>
    public string Label => Base is SelfHostedOptionSpec b
        ? string.Create(CultureInfo.InvariantCulture, $"{b.FixedReplicas} × {HardwareOf(b)} fixed ({b.Engine.MaxConcurrentSequences} seqs, ≤ {BaseRequestsPerSecond:0.##} req/s) + {PoolLabel(Autoscaled)}")
        : PoolLabel(Autoscaled);

    /// <summary>The GPU type of each pool, for charts.</summary>
    public IReadOnlyList<string> GpuIds => Base is SelfHostedOptionSpec b ? [b.Gpu.Id, Autoscaled.Gpu.Id] : [Autoscaled.Gpu.Id];

    /// <summary>A single-type candidate.</summary>
    public static DeploymentCandidate Single(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new DeploymentCandidate { Id = option.Name, Autoscaled = option };
    }

    /// <summary>
    /// "l4×1 fp8", or "h100-sxm×1 fp8 on p5.48xlarge": GPU type, GPUs per replica and weight
    /// precision, and the instance when it holds more than one GPU (instances are billed whole, so
    /// the same GPU in another instance size is other hardware).
    /// </summary>
    public static string HardwareOf(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        string hardware = string.Create(CultureInfo.InvariantCulture, $"{option.Gpu.Id}×{option.GpusPerReplica} {PrecisionName(option.Engine.WeightPrecision)}");
        GpuPricingSpec p = option.Pricing;
        return p.GpusPerInstance == 1 ? hardware
            : string.Create(CultureInfo.InvariantCulture, $"{hardware} on {p.InstanceType ?? $"{p.GpusPerInstance}-GPU instances"}");
    }

    /// <summary>Lower-case name of a precision as scenarios write it.</summary>
    public static string PrecisionName(Precision precision) => precision.ToString().ToLowerInvariant();

    private static string PoolLabel(SelfHostedOptionSpec o)
    {
        // Where an instance holds several replicas the floor is whole instances (a --min-replicas 1
        // reads min 8 on 8-GPU instances of one-GPU replicas): the label says so.
        int perInstance = Math.Max(1, o.Pricing.GpusPerInstance / Math.Max(1, o.GpusPerReplica));
        string instances = perInstance > 1 && o.Autoscaler is AutoscalerSpec floor && floor.MinReplicas > 0 && floor.MinReplicas % perInstance == 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({floor.MinReplicas / perInstance} whole instance{(floor.MinReplicas / perInstance == 1 ? "" : "s")})")
            : "";
        string scaling = o.Autoscaler is AutoscalerSpec a
            ? string.Create(CultureInfo.InvariantCulture, $"target {a.TargetValue:0.##}, min {a.MinReplicas}{instances}")
            : string.Create(CultureInfo.InvariantCulture, $"{o.FixedReplicas} fixed");
        return string.Create(CultureInfo.InvariantCulture, $"{HardwareOf(o)}, {o.Engine.MaxConcurrentSequences} seqs, {scaling}");
    }

    /// <summary>
    /// Whether every pool's model fits its replica (weights plus a minimum KV cache) and its
    /// tensor parallelism can be run: the GPUs split the attention heads evenly and sit on one
    /// instance (as a scenario's option must, see scenarios/README.md).
    /// </summary>
    public bool Fits => Runs(Autoscaled) && (Base is not SelfHostedOptionSpec b || Runs(b));

    private static bool Runs(SelfHostedOptionSpec o) =>
        ReplicaFootprint.Compute(o.Model, o.Gpu, o.GpusPerReplica, o.Engine).Fits
        && o.Model.AttentionHeads % o.GpusPerReplica == 0
        && (o.Pricing.InstanceType is null || o.GpusPerReplica <= o.Pricing.GpusPerInstance);
}
