namespace Planner.Core.Projection;

/// <summary>
/// Runs the units of a projection somewhere: on this machine's cores (<see cref="ParallelWindowRunner"/>)
/// or elsewhere. Whatever the order units finish in, the result is indexed by
/// <see cref="WindowUnit.Ordinal"/>, and the projector merges it in that fixed order.
/// </summary>
public interface IWindowRunner
{
    /// <summary>
    /// Outcome of every unit of <paramref name="work"/>, entry i for unit i; <paramref name="progress"/>
    /// receives completed/total option-windows (units × options).
    /// </summary>
    IReadOnlyList<WindowOutcome> RunAll(WindowWork work, IProgress<(int Done, int Total)>? progress);
}
