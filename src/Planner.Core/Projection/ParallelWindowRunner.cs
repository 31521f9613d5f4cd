using System.Collections.Concurrent;

namespace Planner.Core.Projection;

/// <summary>Runs every unit on this machine's cores, the heaviest months first.</summary>
public sealed class ParallelWindowRunner : IWindowRunner
{
    private readonly int _maxParallelism;

    /// <param name="maxParallelism">Units simulated at once; null for one per core.</param>
    public ParallelWindowRunner(int? maxParallelism = null)
    {
        _maxParallelism = maxParallelism ?? Environment.ProcessorCount;
    }

    public IReadOnlyList<WindowOutcome> RunAll(WindowWork work, IProgress<(int Done, int Total)>? progress)
    {
        ArgumentNullException.ThrowIfNull(work);
        IReadOnlyList<WindowUnit> units = work.Units;
        var outcomes = new WindowOutcome[units.Count];
        int total = work.OptionWindows;
        int done = 0;
        // Largest windows first keeps every core busy to the end.
        int[] order = [.. Enumerable.Range(0, units.Count).OrderByDescending(k => units[k].MonthIndex).ThenBy(k => k)];
        // Load-balanced, one window at a time: a static range split would hand one core all the heavy months.
        var partitioner = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism }, k =>
        {
            outcomes[k] = work.Simulate(units[k], progress is null ? null : () => progress.Report((Interlocked.Increment(ref done), total)));
        });
        return outcomes;
    }
}
