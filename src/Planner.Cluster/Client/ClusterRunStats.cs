namespace Planner.Cluster.Client;

/// <summary>What a run on the cluster took: windows per worker, retries, wall time and the workers' own time.</summary>
public sealed record ClusterRunStats(IReadOnlyDictionary<string, int> WindowsByWorker, int Windows, int Retries, double WallSeconds, double WorkerSeconds, int Workers);
