namespace Planner.Core.Workload;

/// <summary>
/// A stretch of simulated time with a constant arrival rate. <see cref="Weight"/> is how many
/// real seconds each simulated second stands for (0 for warm-up, whose metrics are discarded).
/// </summary>
public readonly record struct LoadSegment(double DurationSeconds, double RequestsPerSecond, double Weight, int HourOfDay);
