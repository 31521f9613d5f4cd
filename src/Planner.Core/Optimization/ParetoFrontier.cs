namespace Planner.Core.Optimization;

/// <summary>Non-dominated points of a two-objective minimisation.</summary>
public static class ParetoFrontier
{
    /// <summary>
    /// The points no other point beats on both objectives (at least as good on each and better on
    /// one), cheapest first; of points equal on both, only the first is kept. Points with a
    /// non-finite objective are left out.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> points, Func<T, double> cost, Func<T, double> latency)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(latency);
        var ordered = points
            .Select((p, i) => (Point: p, Cost: cost(p), Latency: latency(p), Index: i))
            .Where(p => double.IsFinite(p.Cost) && double.IsFinite(p.Latency))
            .OrderBy(p => p.Cost).ThenBy(p => p.Latency).ThenBy(p => p.Index);
        var frontier = new List<T>();
        double bestLatency = double.PositiveInfinity;
        foreach ((T point, double _, double lat, int _) in ordered)
        {
            if (lat < bestLatency)
            {
                frontier.Add(point);
                bestLatency = lat;
            }
        }
        return frontier;
    }
}
