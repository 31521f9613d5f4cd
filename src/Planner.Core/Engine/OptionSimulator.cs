using Planner.Core.Metrics;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Engine;

/// <summary>
/// The discrete-event loop shared by every option: owns the clock, the event queue, the load
/// segments and the arrival stream, and hands each arriving request and each model event to
/// the option's own handlers. Arrivals are generated one ahead, so memory holds only the
/// requests in flight, never the whole window.
/// </summary>
public abstract class OptionSimulator
{
    private readonly WorkloadSpec _workload;
    private IReadOnlyList<LoadSegment> _segments = [];
    private double _endSeconds;

    protected OptionSimulator(WorkloadSpec workload, SloSpec slo)
    {
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        Slo = new SloTracker(slo);
        Sampler = new RequestSampler(workload);
    }

    protected EventQueue Queue { get; } = new();
    protected WindowMetrics Metrics { get; private set; } = new();
    protected SloTracker Slo { get; }
    protected RequestSampler Sampler { get; }
    /// <summary>Random stream for the option's own behaviour (latency draws, outages, jitter).</summary>
    protected RandomStream ServiceRandom { get; private set; } = new(0);
    /// <summary>Current simulated time in seconds from the window's start.</summary>
    protected double Now { get; private set; }
    /// <summary>Real seconds the current simulated second stands for (0 in warm-up).</summary>
    protected double CurrentWeight { get; private set; }
    protected int CurrentSegment { get; private set; } = -1;

    /// <summary>Events processed by the last run.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Simulates one window from an empty system and returns what it measured.</summary>
    public WindowMetrics Run(SimulationWindow window, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(window);
        Metrics = new WindowMetrics();
        Queue.Clear();
        Now = 0;
        CurrentWeight = 0;
        CurrentSegment = -1;
        EventsProcessed = 0;
        _segments = window.Segments;
        var arrivalRandom = new RandomStream(SeedSequence.Derive(seed, 1));
        var sizeRandom = new RandomStream(SeedSequence.Derive(seed, 2));
        ServiceRandom = new RandomStream(SeedSequence.Derive(seed, 3));
        var arrivals = new ArrivalStream(window.Segments, _workload, arrivalRandom);

        double t = 0;
        for (int i = 0; i < _segments.Count; i++)
        {
            Queue.Schedule(new SimEvent(t, EventKind.SegmentBoundary, i, 0), EventPhase.Boundary);
            t += _segments[i].DurationSeconds;
        }
        _endSeconds = t;
        OnStart();
        ScheduleArrival(arrivals);

        while (Queue.Count > 0 && Queue.PeekTime() <= _endSeconds)
        {
            SimEvent e = Queue.Dequeue();
            EventsProcessed++;
            if (e.TimeSeconds > Now)
            {
                OnTimeAdvance(e.TimeSeconds - Now);
                Now = e.TimeSeconds;
            }
            switch (e.Kind)
            {
                case EventKind.SegmentBoundary:
                    CurrentSegment = e.Target;
                    CurrentWeight = _segments[e.Target].Weight;
                    Metrics.CoveredSeconds += _segments[e.Target].DurationSeconds * CurrentWeight;
                    break;
                case EventKind.Arrival:
                    Sampler.Sample(sizeRandom, arrivals.LastTraceRow, out int input, out int output, out int cached);
                    Metrics.RequestsArrived += CurrentWeight;
                    OnArrival(input, output, cached);
                    ScheduleArrival(arrivals);
                    break;
                default:
                    OnEvent(e);
                    break;
            }
        }
        if (_endSeconds > Now)
        {
            OnTimeAdvance(_endSeconds - Now);
            Now = _endSeconds;
        }
        OnEnd();
        return Metrics;
    }

    /// <summary>Called once before the first event, at time 0.</summary>
    protected virtual void OnStart()
    {
    }

    /// <summary>Called before the clock moves forward by <paramref name="deltaSeconds"/>, to integrate time-weighted state.</summary>
    protected virtual void OnTimeAdvance(double deltaSeconds)
    {
    }

    /// <summary>A request arrives now with these sizes.</summary>
    protected abstract void OnArrival(int inputTokens, int outputTokens, int cachedTokens);

    /// <summary>Any event that is not an arrival or a segment boundary.</summary>
    protected abstract void OnEvent(in SimEvent e);

    /// <summary>Called at the window's end; count what is still in flight.</summary>
    protected virtual void OnEnd()
    {
    }

    private void ScheduleArrival(ArrivalStream arrivals)
    {
        double next = arrivals.Next();
        if (next <= _endSeconds)
        {
            Queue.Schedule(new SimEvent(next, EventKind.Arrival, 0, 0), EventPhase.Arrival);
        }
    }
}
