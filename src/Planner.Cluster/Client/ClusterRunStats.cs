namespace Planner.Cluster.Client;

/// <summary>What a run on the cluster took: windows per worker, retries, wall time and the workers' own time.</summary>
public sealed record ClusterRunStats(IReadOnlyDictionary<string, int> WindowsByWorker, int Windows, int Retries, double WallSeconds, double WorkerSeconds, int Workers)
{
    /// <summary>Units each worker that answered simulates at once, as it said in its answers.</summary>
    public IReadOnlyDictionary<string, int> SlotsByWorker { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>This run and a later pass of it (a noise follow-up) together: windows, retries and times added.</summary>
    public ClusterRunStats Add(ClusterRunStats later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var windows = new Dictionary<string, int>(WindowsByWorker, StringComparer.Ordinal);
        foreach ((string worker, int n) in later.WindowsByWorker)
        {
            windows[worker] = windows.GetValueOrDefault(worker) + n;
        }
        var slots = new Dictionary<string, int>(SlotsByWorker, StringComparer.Ordinal);
        foreach ((string worker, int n) in later.SlotsByWorker)
        {
            slots[worker] = n;
        }
        return new ClusterRunStats(windows, Windows + later.Windows, Retries + later.Retries, WallSeconds + later.WallSeconds, WorkerSeconds + later.WorkerSeconds, windows.Count)
        {
            SlotsByWorker = slots,
        };
    }
}
