namespace Planner.Core.Engine;

/// <summary>
/// Second key of the event order: at equal times, lower phases run first. Capacity changes
/// and segment boundaries settle before work completes, and completions free capacity before
/// arrivals at the same instant are routed.
/// </summary>
public enum EventPhase : byte
{
    Boundary = 0,
    Capacity = 1,
    Completion = 2,
    Arrival = 3,
    Control = 4,
}
