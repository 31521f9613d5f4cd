using System.Collections.Concurrent;

namespace Planner.Core.Optimization;

/// <summary>Simulates units on this machine's cores from its own <see cref="OptimizationWork"/>: the path a worker takes, run in-process.</summary>
public sealed class LocalOptimizationRunner(OptimizationWork work, int? maxParallelism = null) : IOptimizationRunner
{
    public IReadOnlyList<PoolWindowOutcome> RunAll(IReadOnlyList<PoolWindowUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var outcomes = new PoolWindowOutcome[units.Count];
        Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, units.Count), EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount },
            k => outcomes[k] = work.Simulate(units[k]));
        return outcomes;
    }
}
