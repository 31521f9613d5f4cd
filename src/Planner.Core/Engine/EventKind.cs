namespace Planner.Core.Engine;

/// <summary>Every event type the simulators schedule; one enum so ordering is visible in one place.</summary>
public enum EventKind : byte
{
    /// <summary>A new request enters the system.</summary>
    Arrival,
    /// <summary>An API request retries after backing off.</summary>
    ApiRetry,
    /// <summary>A replica's current prefill or decode work reaches its next milestone.</summary>
    ReplicaProgress,
    /// <summary>A starting replica finishes its cold start.</summary>
    ReplicaReady,
    /// <summary>The autoscaler evaluates its metric.</summary>
    AutoscalerTick,
    /// <summary>The load changes to the next segment's rate and weight.</summary>
    SegmentBoundary,
    /// <summary>Test probes and custom models.</summary>
    Custom,
    /// <summary>A spot replica receives its interruption notice.</summary>
    SpotNotice,
    /// <summary>A spot replica is taken away.</summary>
    SpotInterrupt,
}
