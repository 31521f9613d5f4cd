namespace Planner.Core.Projection;

/// <summary>One hour of a representative day: offered traffic and the fleet's response.</summary>
public sealed record DayTimelinePoint(int Hour, double RequestsPerSecond, double MeanReplicas, double MeanQueuedRequests)
{
    /// <summary>The hour's arrival rate as the scenario plans it (the simulated <see cref="RequestsPerSecond"/> is a draw around it); NaN where not known.</summary>
    public double PlannedRequestsPerSecond { get; init; } = double.NaN;
}
