namespace Planner.Core.Serving;

/// <summary>
/// The fleet's demand as the autoscaler reads it: requests in the system (queued, unrouted or
/// running), their time integral since the last evaluation, and arrivals since then.
/// </summary>
internal sealed class FleetLoad
{
    /// <summary>Requests submitted to the fleet and not yet finished or rejected.</summary>
    public double Outstanding { get; set; }

    /// <summary>∫ <see cref="Outstanding"/> dt since the last evaluation.</summary>
    public double OutstandingIntegral { get; set; }

    /// <summary>New arrivals since the last evaluation.</summary>
    public double ArrivalsSinceTick { get; set; }

    public void Reset()
    {
        Outstanding = OutstandingIntegral = ArrivalsSinceTick = 0;
    }

    public void Advance(double dt) => OutstandingIntegral += Outstanding * dt;

    /// <summary>Starts a new evaluation interval.</summary>
    public void ClearInterval()
    {
        OutstandingIntegral = 0;
        ArrivalsSinceTick = 0;
    }
}
