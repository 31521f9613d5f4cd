namespace Planner.Core.Projection;

/// <summary>One hour of a representative day: offered traffic and the fleet's response.</summary>
public sealed record DayTimelinePoint(int Hour, double RequestsPerSecond, double MeanReplicas, double MeanQueuedRequests);
