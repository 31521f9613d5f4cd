using Planner.Core.Optimization;

namespace Planner.Cluster.Messages;

/// <summary>Converts a search's units and outcomes to their wire form and back, bit for bit.</summary>
public static class OptimizationCodec
{
    public static PoolWindowPayload ToPayload(PoolWindowUnit u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new PoolWindowPayload
        {
            Level = u.Level, MonthIndex = u.MonthIndex, WindowPosition = u.WindowPosition, Pool = u.Pool, Reference = u.Reference,
            FixedReplicas = u.FixedReplicas, Share = u.Share, CapRequestsPerSecond = u.CapRequestsPerSecond, TrafficSeed = u.TrafficSeed, ServiceSeed = u.ServiceSeed,
        };
    }

    public static PoolWindowUnit FromPayload(PoolWindowPayload p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PoolWindowUnit(p.Level, p.MonthIndex, p.WindowPosition, p.Pool, p.Reference, p.FixedReplicas, p.Share, p.CapRequestsPerSecond, p.TrafficSeed, p.ServiceSeed);
    }

    public static PoolWindowResult ToPayload(PoolWindowOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new PoolWindowResult { Metrics = MetricsCodec.ToPayload(o.Metrics), EventsProcessed = o.EventsProcessed, RequestsSimulated = o.RequestsSimulated };
    }

    public static PoolWindowOutcome FromPayload(PoolWindowResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new PoolWindowOutcome(MetricsCodec.FromPayload(r.Metrics), r.EventsProcessed, r.RequestsSimulated);
    }
}
