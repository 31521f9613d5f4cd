namespace Planner.Core.Serving;

/// <summary>
/// The fleet's demand as the autoscaler reads it: requests in the system (queued, unrouted or
/// running), and running totals of their time integral and of arrivals, from which the autoscaler
/// takes averages over its measurement window.
/// </summary>
internal sealed class FleetLoad
{
    /// <summary>Requests submitted to the fleet and not yet finished or rejected.</summary>
    public double Outstanding { get; set; }

    /// <summary>∫ <see cref="Outstanding"/> dt since the window started.</summary>
    public double OutstandingIntegral { get; private set; }

    /// <summary>New arrivals the fleet took since the window started (not those refused at once, over the model's context or the KV cache).</summary>
    public double Arrivals { get; set; }

    public void Reset()
    {
        Outstanding = OutstandingIntegral = Arrivals = 0;
    }

    public void Advance(double dt) => OutstandingIntegral += Outstanding * dt;
}
