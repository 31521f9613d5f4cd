namespace Planner.Cluster.Benchmarking;

/// <summary>
/// The cluster path measured against the local path on one scenario's units: every pass of each,
/// what the cluster offered, and whether its answers were the local ones bit for bit.
/// </summary>
public sealed record ClusterBenchmarkResult
{
    /// <summary>Units of the scenario (option × window groups that travel together).</summary>
    public required int Units { get; init; }

    public required int Options { get; init; }

    /// <summary>Cores the local passes ran on (units at once).</summary>
    public required int LocalCores { get; init; }

    /// <summary>Workers that answered, and the units they simulate at once in all.</summary>
    public required int Workers { get; init; }

    public required int Slots { get; init; }

    /// <summary>Seconds to connect to the cluster (once, before the cluster passes).</summary>
    public required double ConnectSeconds { get; init; }

    /// <summary>The local passes, in order (the first pays for the JIT).</summary>
    public required IReadOnlyList<PathTiming> Local { get; init; }

    /// <summary>The cluster passes, in order (the first pays for the workers' JIT and their loading of the scenario).</summary>
    public required IReadOnlyList<PathTiming> Cluster { get; init; }

    /// <summary>Units of the first cluster pass whose answer serialises to the bytes of the local answer.</summary>
    public required int IdenticalUnits { get; init; }

    /// <summary>Mean size of a unit's answer as Orleans' serializer writes it, bytes (before the transport's framing).</summary>
    public required double AnswerBytesPerUnit { get; init; }

    /// <summary>The longest unit of the last local pass, seconds.</summary>
    public required double LongestUnitSeconds { get; init; }
}
