namespace Planner.Core.Workload;

/// <summary>
/// A stretch of simulated time whose arrival rate goes linearly from
/// <see cref="RequestsPerSecond"/> to <see cref="EndRequestsPerSecond"/> (constant when that is
/// not given). <see cref="Weight"/> is how many real seconds each simulated second stands for (0
/// for warm-up, whose metrics are discarded); <see cref="EventWeight"/> how many real events each
/// simulated life-cycle event (a cold start) stands for, which differs from the time weight only
/// when an hour is compressed c-fold: the load then changes c times faster while the fleet reacts
/// at real speed, so a day's ramps bring the scale-ups a real day has, each counted once, and each
/// instance's provisioning lasts what it lasts in real time.
/// </summary>
public readonly record struct LoadSegment(double DurationSeconds, double RequestsPerSecond, double Weight, int HourOfDay)
{
    /// <summary>Rate at the segment's end; null for a constant rate.</summary>
    public double? EndRequestsPerSecond { get; init; }

    /// <summary>Real events each simulated cold start stands for; null means <see cref="Weight"/>.</summary>
    public double? EventWeight { get; init; }

    /// <summary>Rate at the segment's end.</summary>
    public double EndRate => EndRequestsPerSecond ?? RequestsPerSecond;

    /// <summary>Mean rate over the segment.</summary>
    public double MeanRate => (RequestsPerSecond + EndRate) / 2;

    /// <summary>Expected arrivals in the segment.</summary>
    public double ExpectedRequests => MeanRate * DurationSeconds;

    public double EventWeightOrTime => EventWeight ?? Weight;
}
