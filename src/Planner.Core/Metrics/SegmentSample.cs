namespace Planner.Core.Metrics;

/// <summary>What one load segment of a window saw, unweighted, for the representative-day timeline.</summary>
public sealed record SegmentSample(int HourOfDay, double DurationSeconds, double Weight, double Arrivals, double ReplicaSeconds, double QueuedRequestSeconds);
