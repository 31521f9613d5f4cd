namespace Planner.Core.Specs;

/// <summary>How the router picks a replica for a new request.</summary>
public enum RouterPolicy
{
    /// <summary>The replica with the fewest requests waiting or running.</summary>
    LeastOutstanding,
    /// <summary>Replicas in turn, regardless of load.</summary>
    RoundRobin,
    /// <summary>The replica with the most free KV cache, ties broken by fewest outstanding.</summary>
    KvAware,
}
