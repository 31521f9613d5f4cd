using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// How replicas of <see cref="GpusPerReplica"/> GPUs fill instances of <see cref="GpusPerInstance"/>
/// GPUs. Capacity is provisioned and billed in units: one instance holding
/// ⌊N/k⌋ replicas when a replica fits in an instance (k ≤ N), or the ⌈k/N⌉ instances one replica
/// spans (k &gt; N). A unit's GPUs that no replica can use — N mod k of them, or the rest of the
/// last instance a replica spans — are stranded whenever the unit runs, and so are the slots of a
/// unit that hold no replica at the moment.
/// </summary>
public readonly record struct InstancePacking(int GpusPerReplica, int GpusPerInstance)
{
    /// <summary>The packing of an option's replicas onto the instances its price is for.</summary>
    public static InstancePacking Of(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new InstancePacking(option.GpusPerReplica, option.Pricing.GpusPerInstance);
    }

    /// <summary>Replicas one unit holds.</summary>
    public int ReplicasPerUnit => GpusPerReplica <= GpusPerInstance ? GpusPerInstance / GpusPerReplica : 1;

    /// <summary>Instances in one unit: 1, or the instances one replica spans.</summary>
    public int InstancesPerUnit => GpusPerReplica <= GpusPerInstance ? 1 : (GpusPerReplica + GpusPerInstance - 1) / GpusPerInstance;

    /// <summary>GPUs billed for one running unit.</summary>
    public int GpusPerUnit => InstancesPerUnit * GpusPerInstance;

    /// <summary>GPUs of a full unit that no replica uses.</summary>
    public int StrandedGpusPerFullUnit => GpusPerUnit - ReplicasPerUnit * GpusPerReplica;

    /// <summary>Units needed to hold <paramref name="replicas"/> replicas.</summary>
    public int UnitsFor(int replicas) => replicas <= 0 ? 0 : (replicas + ReplicasPerUnit - 1) / ReplicasPerUnit;

    /// <summary>GPUs billed to hold <paramref name="replicas"/> replicas packed as tightly as instances allow.</summary>
    public int GpusBilledFor(int replicas) => UnitsFor(replicas) * GpusPerUnit;
}
