using Planner.Core.Api;
using Planner.Core.Hybrid;
using Planner.Core.Metrics;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Fidelity;

/// <summary>
/// Common random numbers for per-request shares: a hybrid's compliance share and an API's batch
/// share draw from streams of their own, so changing a share moves only the requests it assigns,
/// never the router's, the API's latency or spot capacity's draws.
/// </summary>
public sealed class ShareDrawTests
{
    private static readonly LinearProfile Profile = new(0.020, 0.0002, 0.00002);

    private static WorkloadSpec Workload() => TestSpecs.Workload(inputTokens: 500, outputTokens: 100);

    private static SimulationWindow Window(double seconds, double rate) => TestSpecs.Window(new LoadSegment(seconds, rate, 1, 12));

    private static HybridOptionSpec Hybrid(double compliance) => new()
    {
        Name = "hybrid",
        // Four replicas behind the default router (two random choices per request), so that
        // routing draws random numbers on every arrival.
        Primary = FleetSpecs.Option(replicas: 4, engine: e => e with { MaxConcurrentSequences = 4 }),
        // An API whose first token takes about 100 s, so that a request's end-to-end latency tells
        // which side served it (the fleet's take 2–3 s here).
        Overflow = TestSpecs.Api() with { Name = "hybrid/api", Latency = new ApiLatencySpec { TtftMedianMs = 100_000, TtftP95Ms = 200_000, OutputTokensPerSecond = 100 } },
        // Never overflows: every request stays on the fleet whatever its compliance draw.
        OverflowQueueWaitSeconds = double.PositiveInfinity,
        ComplianceShare = compliance,
    };

    [Fact]
    public void AComplianceShareThatSendsNothingElsewhereLeavesTheFleetsFiguresUnchanged()
    {
        // Before the share drew from a stream of its own, its draws interleaved with the router's:
        // each share routed the same requests differently, and the fleet's latency moved with it.
        var latencies = new List<List<(double Arrival, double Ttft, double E2e)>>();
        var served = new List<double>();
        foreach (double share in new[] { 0.0, 0.2, 0.6 })
        {
            var sim = new HybridSimulator(Hybrid(share), Workload(), new SloSpec(), Profile);
            var seen = new List<(double, double, double)>();
            sim.RequestCompleted = (arrival, ttft, e2e, _) => seen.Add((arrival, ttft, e2e));
            WindowMetrics m = sim.Run(Window(1800, 30), 11, 12);
            Assert.Equal(0, m.OverflowedRequests);
            latencies.Add(seen);
            served.Add(m.RequestsServed);
        }
        Assert.True(latencies[0].Count > 10_000, $"{latencies[0].Count} requests");
        Assert.Equal(latencies[0], latencies[1]);
        Assert.Equal(latencies[0], latencies[2]);
        Assert.Equal(served[0], served[1]);
        Assert.Equal(served[0], served[2]);
    }

    [Fact]
    public void ALargerComplianceShareKeepsEveryRequestASmallerOneKept()
    {
        // The threshold 0 sends every request that may leave to the API; the rest (the compliance
        // share) finish on the fleet. The n-th arrival draws the same number whatever the share, so
        // the fleet's requests at 30% are among those at 60%.
        HashSet<double> Kept(double share)
        {
            var sim = new HybridSimulator(Hybrid(share) with { OverflowQueueWaitSeconds = -1 }, Workload(), new SloSpec(), Profile);
            var fleet = new HashSet<double>();
            sim.RequestCompleted = (arrival, _, e2e, _) =>
            {
                if (e2e < 10)
                {
                    fleet.Add(arrival);
                }
            };
            sim.Run(Window(1800, 5), 21, 22);
            return fleet;
        }
        HashSet<double> small = Kept(0.3), large = Kept(0.6);
        Assert.InRange(small.Count, 0.25 * 5 * 1800 * 0.8, 0.35 * 5 * 1800 * 1.2);
        Assert.True(small.IsSubsetOf(large), $"{small.Except(large).Count()} of {small.Count} requests kept at 30% are not kept at 60%");
        Assert.True(large.Count > 1.6 * small.Count);
    }

    [Fact]
    public void ALargerBatchShareSendsEveryRequestASmallerOneSent()
    {
        // Before the batch draw had a stream of its own, it shared one with the latency draws, so a
        // request's tier depended on how many latencies had been drawn before it.
        HashSet<double> RealTime(double batchShare)
        {
            var sim = new ApiSimulator(TestSpecs.Api() with { BatchShare = batchShare }, Workload(), new SloSpec());
            var arrivals = new HashSet<double>();
            sim.RequestCompleted = (arrival, _, _, _) => arrivals.Add(arrival);
            WindowMetrics m = sim.Run(Window(1800, 5), 31, 32);
            Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd, 6);
            return arrivals;
        }
        HashSet<double> fewer = RealTime(0.6), more = RealTime(0.3);
        Assert.True(fewer.Count > 1000, $"{fewer.Count} real-time requests");
        Assert.True(fewer.IsSubsetOf(more), $"{fewer.Except(more).Count()} real-time requests at a 60% batch share are batch at 30%");
    }
}
