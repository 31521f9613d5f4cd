namespace Planner.Core.Optimization;

/// <summary>
/// Simulates batches of a search's <see cref="PoolWindowUnit"/>s somewhere: in this process
/// (<see cref="LocalOptimizationRunner"/>) or on other machines. Entry i of the answer is unit i's
/// outcome whatever order they finish in; the optimizer merges them in its own fixed order.
/// </summary>
public interface IOptimizationRunner
{
    IReadOnlyList<PoolWindowOutcome> RunAll(IReadOnlyList<PoolWindowUnit> units);
}
