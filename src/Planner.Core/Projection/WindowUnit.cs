using Planner.Core.Workload;

namespace Planner.Core.Projection;

/// <summary>
/// One independent piece of a projection: one representative window of one month, simulated for
/// every option (the options share the window's requests, so they travel together), or for some of
/// them in a noise follow-up (<see cref="Options"/>).
/// </summary>
/// <param name="Ordinal">Position in <see cref="WindowWork.Units"/>: month-major, then the month's windows in plan order.</param>
/// <param name="MonthIndex">0-based month of the horizon.</param>
/// <param name="PositionInMonth">Position of the window in <see cref="MonthWindowPlanner.Plan"/>'s list for the month.</param>
/// <param name="Window">The window itself.</param>
public sealed record WindowUnit(int Ordinal, int MonthIndex, int PositionInMonth, SimulationWindow Window)
{
    /// <summary>The options simulated in this unit, in scenario order; null for every option. The others' outcomes are empty.</summary>
    public IReadOnlyList<int>? Options { get; init; }

    /// <summary>Whether option <paramref name="optionIndex"/> is simulated in this unit.</summary>
    public bool Simulates(int optionIndex) => Options is null || Options.Contains(optionIndex);
}
