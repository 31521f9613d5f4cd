using Planner.Core.Engine;
using Planner.Core.Metrics;

namespace Planner.Core.Serving;

/// <summary>Per load segment: arrivals, replica-seconds, billed GPU-seconds and queued-request-seconds, for the report's day timeline and reserved commitments.</summary>
internal sealed class FleetTimeline
{
    private readonly SimulationContext _ctx;
    private double _arrivals, _replicaSeconds, _gpuSeconds, _queuedSeconds, _seconds;
    private int _hour;
    private double _weight;

    public FleetTimeline(SimulationContext context) => _ctx = context;

    public void Reset()
    {
        _arrivals = _replicaSeconds = _gpuSeconds = _queuedSeconds = _seconds = 0;
    }

    public void Arrival() => _arrivals++;

    public void Advance(double dt, int liveReplicas, int billedGpus, double queuedRequests)
    {
        _replicaSeconds += liveReplicas * dt;
        _gpuSeconds += billedGpus * dt;
        _queuedSeconds += queuedRequests * dt;
        _seconds += dt;
    }

    /// <summary>Closes the previous segment's sample and opens one for the segment starting now.</summary>
    public void SegmentStarted(int hour)
    {
        Flush();
        _hour = hour;
        _weight = _ctx.Weight;
    }

    public void Flush()
    {
        if (_seconds > 0)
        {
            _ctx.Metrics.Timeline.Add(new SegmentSample(_hour, _seconds, _weight, _arrivals, _replicaSeconds, _queuedSeconds) { BilledGpuSeconds = _gpuSeconds, Scale = _ctx.SliceFactor });
        }
        Reset();
    }
}
