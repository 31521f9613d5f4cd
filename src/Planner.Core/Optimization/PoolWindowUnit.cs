namespace Planner.Core.Optimization;

/// <summary>
/// One independent piece of a configuration search: one pool of one configuration, simulated over
/// one window of a load level (or of a month of the scenario) on given seeds. It names everything
/// by position and name, never by object, so any process that prepares the same scenario, search
/// space and settings (<see cref="OptimizationWork"/>) rebuilds and simulates it to the same bits.
/// </summary>
/// <param name="Level">Load level index (its scenario and windows as the search plans them); -1 for a month of the scenario itself.</param>
/// <param name="MonthIndex">0-based month of the scenario when <paramref name="Level"/> is -1; else 0.</param>
/// <param name="WindowPosition">Position of the window in the level's (or month's) replicate-0 windows.</param>
/// <param name="Pool">Name of the single-type candidate the pool is; ignored for the reference.</param>
/// <param name="Reference">Whether the pool is the search space's base option (the scenario's own).</param>
/// <param name="FixedReplicas">Above 0: a mix's base pool, the candidate with this many fixed replicas and no autoscaler.</param>
/// <param name="Share">0: the window's whole traffic; 1: a mix base's share (rates capped at <paramref name="CapRequestsPerSecond"/>); 2: the burst pool's share (rates above the cap).</param>
/// <param name="CapRequestsPerSecond">A mix's base capacity; 0 unless <paramref name="Share"/> is 1 or 2.</param>
/// <param name="TrafficSeed">Seed of the window's arrivals.</param>
/// <param name="ServiceSeed">Seed of the window's service randomness.</param>
public sealed record PoolWindowUnit(int Level, int MonthIndex, int WindowPosition, string Pool, bool Reference, int FixedReplicas, int Share,
    double CapRequestsPerSecond, ulong TrafficSeed, ulong ServiceSeed);
