namespace Planner.Cluster.Client;

/// <summary>What a run on the cluster took: windows per worker, retries, wall time and the workers' own time.</summary>
public sealed record ClusterRunStats(IReadOnlyDictionary<string, int> WindowsByWorker, int Windows, int Retries, double WallSeconds, double WorkerSeconds, int Workers)
{
    /// <summary>Units each worker that answered simulates at once, as it said in its answers.</summary>
    public IReadOnlyDictionary<string, int> SlotsByWorker { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
