using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Tests.Fidelity;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Engine;

/// <summary>
/// The requests in flight at a window's end finish in its drain: they count as served with the
/// latency they took, while the GPU time after the end is not the window's to bill. A request in
/// flight at the end of a compressed hour stands for the compression's many real ones, so counting
/// it unfinished made a month's unfinished share grow with the compression, not the load.
/// </summary>
public sealed class WindowDrainTests
{
    private static readonly LinearProfile Profile = new(0.020, 0.0002, 0.0002);

    private static SelfHostedSimulator Fleet(int maxSequences = 256) => new(
        TestSpecs.SelfHosted(fixedReplicas: 1, engine: new ServingEngineSpec { MaxConcurrentSequences = maxSequences }),
        TestSpecs.Workload(inputTokens: 500, outputTokens: 100), new SloSpec(), Profile);

    [Fact]
    public void ARequestInFlightAtTheEndFinishesWithItsOwnLatencyAndItsTimeAfterTheEndIsNotBilled()
    {
        // The same request alone on an idle replica, once well inside a window and once 1 s before
        // its end: both take the same time, and the second is served, not left unfinished.
        SelfHostedSimulator inside = Fleet();
        double alone = double.NaN;
        inside.RequestCompleted = (_, _, e2e, _) => alone = e2e;
        inside.ScheduleArrival(10, 500, 100);
        WindowMetrics reference = inside.Run(TestSpecs.Window(new LoadSegment(100, 0, 1, 12)), 1, 2);
        Assert.Equal(1, reference.RequestsServed);
        Assert.True(alone > 1.5, $"the request should outlast the second before the end: {alone} s");

        SelfHostedSimulator late = Fleet();
        double drained = double.NaN;
        late.RequestCompleted = (_, _, e2e, _) => drained = e2e;
        late.ScheduleArrival(99, 500, 100);
        WindowMetrics m = late.Run(TestSpecs.Window(new LoadSegment(100, 0, 1, 12)), 1, 2);
        Assert.Equal(1, late.RequestsLiveAtWindowEnd);
        Assert.Equal(0, m.RequestsInFlightAtEnd);
        Assert.Equal(1, m.RequestsServed);
        Assert.Equal(alone, drained, 9);
        Assert.Equal(500, m.InputTokens);
        Assert.Equal(100, m.OutputTokens);
        // Billed and busy GPU time stop at the window's end: 1 s of the request's work, 100 s billed.
        Assert.Equal(1.0, m.GpuSecondsBusy, 9);
        Assert.Equal(100.0, m.GpuSecondsBusy + m.GpuSecondsIdle, 9);
        Assert.Equal(reference.GpuSecondsBusy + reference.GpuSecondsIdle, m.GpuSecondsBusy + m.GpuSecondsIdle, 9);
    }

    [Fact]
    public void TheUnfinishedShareNoLongerGrowsWithTheCompression()
    {
        // One hour of 2 requests/s on a replica with room to spare, simulated as 3600 s at weight 1
        // and as 60 s at weight 60 (60-fold compression): every request is served either way.
        foreach ((double seconds, double weight) in new[] { (3600.0, 1.0), (60.0, 60.0) })
        {
            WindowMetrics m = Fleet().Run(TestSpecs.Window(new LoadSegment(seconds, 2, weight, 12)), 3, 4);
            Assert.True(m.RequestsArrived > 100);
            Assert.Equal(0, m.RequestsInFlightAtEnd);
            Assert.Equal(m.RequestsArrived, m.RequestsServed, 6);
        }
    }

    [Fact]
    public void ABacklogIsLeftUnfinishedNotServedFasterThanTheFleetCan()
    {
        // One sequence at a time, about 2.1 s each, against 4,000 requests in 200 s: the replica
        // serves about 95 in the window, finishes the one in its batch after the end and takes one
        // more into its first step after it; the rest of the backlog stays unfinished. Drained at
        // its pace, a compressed hour's backlog had been served many times faster than the fleet can.
        SelfHostedSimulator sim = Fleet(maxSequences: 1);
        WindowMetrics m = sim.Run(TestSpecs.Window(new LoadSegment(200, 20, 1, 12)), 5, 6);
        Assert.True(m.RequestsArrived > 3500);
        Assert.InRange(m.RequestsServed, 200 / 2.2, 200 / 2.0 + 2);
        Assert.True(m.RequestsInFlightAtEnd > 3000, $"{m.RequestsInFlightAtEnd} unfinished");
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd, 6);
        Assert.True(sim.NowSeconds <= 200 + 5, $"the drain should end with the batch: {sim.NowSeconds} s");
    }
}
