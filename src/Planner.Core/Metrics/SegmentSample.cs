namespace Planner.Core.Metrics;

/// <summary>What one load segment of a window saw, unweighted, for the representative-day timeline.</summary>
public sealed record SegmentSample(int HourOfDay, double DurationSeconds, double Weight, double Arrivals, double ReplicaSeconds, double QueuedRequestSeconds)
{
    /// <summary>GPU-seconds billed in the segment (whole instances), for reserved commitments.</summary>
    public double BilledGpuSeconds { get; init; }

    /// <summary>Real arrivals, replicas and GPUs each simulated one stands for: k when the window simulated a 1/k slice of the fleet.</summary>
    public double Scale { get; init; } = 1;
}
