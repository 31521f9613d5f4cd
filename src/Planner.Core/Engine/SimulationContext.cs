using Planner.Core.Metrics;
using Planner.Core.Randomness;
using Planner.Core.Workload;

namespace Planner.Core.Engine;

/// <summary>
/// The state an option's components share during one window: clock, event queue, requests in
/// flight, metrics and the service random stream. Owned and advanced by <see cref="OptionSimulator"/>.
/// </summary>
public sealed class SimulationContext
{
    public EventQueue Queue { get; } = new();
    public RequestTable Requests { get; } = new();
    public WindowMetrics Metrics { get; internal set; } = new();
    public SloTracker Slo { get; internal set; }
    public RandomStream Random { get; internal set; } = new(0);
    /// <summary>
    /// Draws that assign a request to a share (a hybrid's compliance share), one per arrival and
    /// apart from <see cref="Random"/>, so that a share's draws never shift the router's, the
    /// API's or spot capacity's, and the n-th arrival draws the same number whatever the share:
    /// a larger share keeps every request a smaller one kept, and more.
    /// </summary>
    public RandomStream ShareRandom { get; internal set; } = new(0);
    /// <summary>
    /// Draws that send a request to an API's batch tier (<c>batch_share</c>), one per request the
    /// API takes, apart from <see cref="Random"/> and <see cref="ShareRandom"/> for the same reason.
    /// </summary>
    public RandomStream BatchRandom { get; internal set; } = new(0);
    /// <summary>Seconds since the window started.</summary>
    public double Now { get; internal set; }
    /// <summary>Real seconds each simulated second stands for right now (0 in warm-up).</summary>
    public double Weight { get; internal set; }
    /// <summary>Real events each simulated life-cycle event (a cold start) stands for right now; see <see cref="Workload.LoadSegment.EventWeight"/>.</summary>
    public double EventWeight { get; internal set; }

    /// <summary>Real fleets (and traffic) the simulated one stands for: k for a 1/k slice, else 1.</summary>
    public double SliceFactor { get; internal set; } = 1;
    /// <summary>
    /// How many times faster than real time the fleet's physical changes run in the current
    /// segment: c in an hour compressed c-fold, else 1. Provisioning, weight loads and spot
    /// interruptions take 1/c of their real time, so a compressed hour holds the real hour's fleet
    /// changes; what guards against noise (the autoscaler's measurement window, scale-up delay and
    /// stabilisation) stays in simulated seconds, as each request's service does.
    /// </summary>
    public double TimeScale { get; internal set; } = 1;
    /// <summary>The <see cref="TimeScale"/> of a segment: its real seconds per simulated second over its real events per simulated one (1 in warm-up).</summary>
    internal static double ScaleOf(LoadSegment segment) =>
        segment.Weight > 0 && segment.EventWeightOrTime > 0 ? segment.Weight / segment.EventWeightOrTime : 1;

    private IReadOnlyList<LoadSegment> _segments = [];
    private double[] _segmentStarts = [];

    /// <summary>The window's segments, which <see cref="AfterRealSeconds"/> walks.</summary>
    internal void SetSegments(IReadOnlyList<LoadSegment> segments)
    {
        _segments = segments;
        _segmentStarts = new double[segments.Count];
        double t = 0;
        for (int k = 0; k < segments.Count; k++)
        {
            _segmentStarts[k] = t;
            t += segments[k].DurationSeconds;
        }
    }

    /// <summary>
    /// The simulated time at which <paramref name="realSeconds"/> of the fleet's physical time (a
    /// cold start, a weight load) have passed since <paramref name="from"/>: each segment runs at its
    /// own <see cref="TimeScale"/>, so a cold start begun in a real-time hour that runs into a
    /// compressed one finishes the rest c-fold faster, and takes its real length whichever hours it
    /// spans (as billed: each simulated second of it counts its segment's weight). Past the window's
    /// last segment, at that segment's pace.
    /// </summary>
    public double AfterRealSeconds(double from, double realSeconds)
    {
        if (_segments.Count == 0)
        {
            return from + realSeconds / TimeScale;
        }
        // The segment holding `from`: the last that starts at or before it.
        int k = Math.Clamp(Segment, 0, _segments.Count - 1);
        while (k > 0 && _segmentStarts[k] > from)
        {
            k--;
        }
        while (k + 1 < _segments.Count && _segmentStarts[k + 1] <= from)
        {
            k++;
        }
        double t = from, remaining = realSeconds;
        for (; k < _segments.Count; k++)
        {
            double scale = ScaleOf(_segments[k]);
            double end = _segmentStarts[k] + _segments[k].DurationSeconds;
            double real = Math.Max(0, end - t) * scale;
            if (remaining <= real || k == _segments.Count - 1)
            {
                return t + remaining / scale;
            }
            remaining -= real;
            t = end;
        }
        return t + remaining;
    }

    /// <summary>
    /// The real seconds between simulated instants <paramref name="from"/> and <paramref name="to"/>:
    /// each simulated second counts its segment's <see cref="TimeScale"/> (before the first segment
    /// and past the last, as they run).
    /// </summary>
    public double RealSecondsBetween(double from, double to)
    {
        if (to <= from)
        {
            return 0;
        }
        if (_segments.Count == 0)
        {
            return (to - from) * TimeScale;
        }
        double real = 0;
        for (int k = 0; k < _segments.Count; k++)
        {
            double start = k == 0 ? double.NegativeInfinity : _segmentStarts[k];
            double end = k == _segments.Count - 1 ? double.PositiveInfinity : _segmentStarts[k] + _segments[k].DurationSeconds;
            double overlap = Math.Min(to, end) - Math.Max(from, start);
            if (overlap > 0)
            {
                real += overlap * ScaleOf(_segments[k]);
            }
        }
        return real;
    }

    /// <summary>
    /// The simulated instant <paramref name="realSeconds"/> of real time before <paramref name="to"/>,
    /// walking the segments back at their own pace (before the first, at its pace); the inverse of
    /// <see cref="AfterRealSeconds"/>.
    /// </summary>
    public double BeforeRealSeconds(double to, double realSeconds)
    {
        if (_segments.Count == 0)
        {
            return to - realSeconds / TimeScale;
        }
        int k = Math.Clamp(Segment, 0, _segments.Count - 1);
        while (k + 1 < _segments.Count && _segmentStarts[k + 1] < to)
        {
            k++;
        }
        while (k > 0 && _segmentStarts[k] >= to)
        {
            k--;
        }
        double t = to, remaining = realSeconds;
        for (; k >= 0; k--)
        {
            double scale = ScaleOf(_segments[k]);
            double real = Math.Max(0, t - _segmentStarts[k]) * scale;
            if (remaining <= real || k == 0)
            {
                return t - remaining / scale;
            }
            remaining -= real;
            t = _segmentStarts[k];
        }
        return t - remaining;
    }

    /// <summary>Replicas a fleet should have ready when the window starts, or null for its minimum.</summary>
    public int? WarmStartReplicas { get; internal set; }
    /// <summary>Hour of day of the current segment.</summary>
    public int Hour { get; internal set; }

    /// <summary>
    /// True while the requests in flight at the window's end drain (<see cref="OptionSimulator"/>):
    /// a replica finishes the sequences it holds and admits from its queue only into its first step
    /// after the end.
    /// </summary>
    public bool Draining { get; internal set; }

    /// <summary>When the drain began: the window's end.</summary>
    public double DrainFrom { get; internal set; }
    public int Segment { get; internal set; } = -1;

    /// <summary>Optional observer of each finished request, on a fleet or an API's real-time tier (not its batch tier): (arrival time, TTFT, end-to-end, output tokens), for exact-time tests and diagnostics.</summary>
    public Action<double, double, double, int>? RequestCompleted { get; set; }

    /// <summary>Records a finished request and frees its slot.</summary>
    public void Complete(int id)
    {
        ref InFlightRequest r = ref Requests[id];
        double ttft = r.FirstTokenAt - r.ArrivedAt;
        double e2e = Now - r.ArrivedAt;
        RequestCompleted?.Invoke(r.ArrivedAt, ttft, e2e, r.Output);
        Slo.Record(Metrics, r.Weight, ttft, e2e, r.Output);
        double w = r.Weight;
        Metrics.InputTokens += w * r.Input;
        Metrics.CachedInputTokens += w * r.Cached;
        Metrics.OutputTokens += w * r.Output;
        Requests.Remove(id);
    }

    /// <summary>Records a request that gives up, and frees its slot.</summary>
    public void Reject(int id)
    {
        Metrics.RequestsRejected += Requests[id].Weight;
        Requests.Remove(id);
    }
}
