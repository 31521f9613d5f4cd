using Planner.Core.Engine;
using Planner.Core.Metrics;

namespace Planner.Core.Serving;

/// <summary>
/// Counts an autoscaled fleet's churn in compressed hours at the real pace.
/// <para>
/// A compressed hour (<see cref="SimulationContext.TimeScale"/> c &gt; 1) runs the load's ramp
/// c-fold faster but the autoscaler at its own pace. The scale-ups a ramp asks for happen once,
/// as in the real hour; but a fleet hovering between two sizes starts a replica, lets one go and
/// starts one again at the autoscaler's pace, so in 3,600/c seconds it does about 1/c of the real
/// hour's round trips. Counted once each, the cold starts of chat-seed-stage's fleets in its
/// compressed months (25 to 36) came out at 0.41 to 0.81 of a real-time simulation's. So a
/// scale-up and a scale-down within one real hour of each other (3,600/c simulated seconds),
/// either way round, are a round trip, and its cold start is counted c times (c − 1 more than the
/// start itself counted). Starts and stops that find no partner within the hour are the ramp's
/// and count once. Counted so, those months came out at 0.93 to 1.09 of the real-time count (two
/// seeds, three fleets), and 1.05 to 1.13 at a tenth and ten times the traffic. The GPU time is
/// what the compressed hour ran, which agrees with the real-time day's cost within the noise
/// (FidelityCompressionTests); but where the real hour would spend the extra round trips' cold
/// starts, the compressed one keeps that replica up and idle. So each extra cold start counted
/// also records one cold start's GPU time, which the cost model bills as cold start out of the
/// month's idle time (no more than there is): the total stays what was simulated, and the
/// cold-start cost is the count times a cold start's GPU time, as a reader checking it multiplies
/// out, as far as that idle time goes. A fleet busy almost all the time (chat-seed-stage's L4 in
/// its last months) or a month compressed past the fidelity limit has less idle time than its
/// counted round trips' cold starts: its cold-start cost is then less than the count's product.
/// The count is the one that agrees with the real-time day, so it is kept, and reports/README.md
/// says so.
/// </para>
/// </summary>
internal sealed class CompressedChurn
{
    private readonly SimulationContext _ctx;
    private readonly Queue<double> _starts = new();
    private readonly Queue<double> _stops = new();

    private readonly double _coldStartGpuSeconds;

    /// <param name="context">The simulation's context.</param>
    /// <param name="coldStartGpuSeconds">GPU time one replica's cold start bills (its seconds × its GPUs).</param>
    public CompressedChurn(SimulationContext context, double coldStartGpuSeconds)
    {
        _ctx = context;
        _coldStartGpuSeconds = coldStartGpuSeconds;
    }

    public void Reset()
    {
        _starts.Clear();
        _stops.Clear();
    }

    /// <summary>The autoscaler started a replica now.</summary>
    public void Started() => Pair(_stops, _starts);

    /// <summary>The autoscaler let a replica go now.</summary>
    public void Stopped() => Pair(_starts, _stops);

    private void Pair(Queue<double> opposite, Queue<double> same)
    {
        double scale = _ctx.TimeScale;
        // One real hour back, each hour at its own pace.
        double since = _ctx.BeforeRealSeconds(_ctx.Now, 3600);
        while (opposite.Count > 0 && opposite.Peek() < since)
        {
            opposite.Dequeue();
        }
        if (opposite.Count == 0)
        {
            same.Enqueue(_ctx.Now);
            return;
        }
        opposite.Dequeue();
        if (_ctx.Weight > 0 && scale > 1)
        {
            WindowMetrics m = _ctx.Metrics;
            m.ColdStarts += (scale - 1) * _ctx.EventWeight;
            m.ChurnColdStartGpuSeconds += (scale - 1) * _ctx.EventWeight * _coldStartGpuSeconds;
        }
    }
}
