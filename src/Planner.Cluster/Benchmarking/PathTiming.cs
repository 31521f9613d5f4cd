namespace Planner.Cluster.Benchmarking;

/// <summary>One pass of a benchmark over every unit of a scenario, on this machine or on the cluster.</summary>
/// <param name="WallSeconds">From the first unit sent (or started) to the last answer.</param>
/// <param name="BusySeconds">The units' own time, summed: each unit's simulation here, or each unit's time inside its worker once a core was free for it.</param>
/// <param name="Retries">Units sent again (always 0 here).</param>
public sealed record PathTiming(double WallSeconds, double BusySeconds, int Retries);
