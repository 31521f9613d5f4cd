namespace Planner.Core.Engine;

/// <summary>
/// Second key of the event order: at equal times, lower phases run first. Segment boundaries
/// and capacity changes settle first; requests arriving at an instant are queued before a step
/// ending at that instant picks its next batch, so they join it, as they would in a real engine
/// loop; control decisions (autoscaler, deferred step starts) see everything that happened.
/// </summary>
public enum EventPhase : byte
{
    Boundary = 0,
    Capacity = 1,
    Arrival = 2,
    Completion = 3,
    Control = 4,
}
