namespace Planner.Core.Engine;

/// <summary>
/// Every event type the simulators queue; one enum so ordering is visible in one place. Arrivals
/// and segment boundaries are not queued: the event loop of <see cref="OptionSimulator"/> holds
/// them and orders them among these as if they were.
/// </summary>
public enum EventKind : byte
{
    /// <summary>An API request retries after backing off.</summary>
    ApiRetry,
    /// <summary>A replica's current prefill or decode work reaches its next milestone.</summary>
    ReplicaProgress,
    /// <summary>A starting replica finishes its cold start.</summary>
    ReplicaReady,
    /// <summary>The autoscaler evaluates its metric.</summary>
    AutoscalerTick,
    /// <summary>Test probes and custom models.</summary>
    Custom,
    /// <summary>A spot replica receives its interruption notice.</summary>
    SpotNotice,
    /// <summary>A spot replica is taken away.</summary>
    SpotInterrupt,
    /// <summary>
    /// A request the caller scheduled (<see cref="OptionSimulator.ScheduleArrival"/>) arrives: a
    /// benchmark's client, besides the window's own traffic. Target and Version carry its input and
    /// output tokens.
    /// </summary>
    ScheduledArrival,
}
