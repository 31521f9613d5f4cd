using Planner.Core.Metrics;
using Planner.Core.Randomness;

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
    /// <summary>Seconds since the window started.</summary>
    public double Now { get; internal set; }
    /// <summary>Real seconds each simulated second stands for right now (0 in warm-up).</summary>
    public double Weight { get; internal set; }
    /// <summary>Hour of day of the current segment.</summary>
    public int Hour { get; internal set; }
    public int Segment { get; internal set; } = -1;

    /// <summary>Optional observer of each finished request: (arrival time, TTFT, end-to-end), for exact-time tests and diagnostics.</summary>
    public Action<double, double, double>? RequestCompleted { get; set; }

    /// <summary>Records a finished request and frees its slot.</summary>
    public void Complete(int id)
    {
        ref InFlightRequest r = ref Requests[id];
        double ttft = r.FirstTokenAt - r.ArrivedAt;
        double e2e = Now - r.ArrivedAt;
        RequestCompleted?.Invoke(r.ArrivedAt, ttft, e2e);
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
