using Planner.Core.Api;
using Planner.Core.Metrics;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Api;

/// <summary>
/// Waits are counted by their cause: rate-limit back-offs (the API was up, a bucket was empty),
/// outage back-offs (the API was down, whatever the load) and capacity queueing (a self-hosted
/// engine had no room). Seeded, so every count below is the same on every run.
/// </summary>
public sealed class WaitCauseTests
{
    // Far below the limit: 0.05 requests/s against 600 a minute.
    private static readonly RateLimitSpec Roomy = new() { RequestsPerMinute = 600, MaxWaitSeconds = 60 };

    [Fact]
    public void FullAvailabilityFarBelowTheLimitWaitsForNothing()
    {
        WindowMetrics m = Run(TestSpecs.Api(limits: Roomy), new LoadSegment(86400, 0.05, 1, 0), seed: 11);
        Assert.True(m.RequestsArrived > 1000);
        Assert.Equal(0, m.Backoffs);
        Assert.Equal(0, m.RateLimitBackoffs);
        Assert.Equal(0, m.OutageBackoffs);
        Assert.Equal(0, m.RateLimitWaitSeconds + m.OutageWaitSeconds);
        Assert.Equal(0, m.RejectedAfterRateLimit + m.RejectedAfterOutage);
    }

    [Fact]
    public void OutagesAtLowLoadAreOutageWaitsNotRateLimitWaits()
    {
        ApiOptionSpec api = TestSpecs.Api(availability: 0.99, limits: Roomy) with { MeanOutageMinutes = 20 };
        WindowMetrics m = Run(api, new LoadSegment(30 * 86400, 0.05, 1, 0), seed: 12);
        Assert.True(m.OutageBackoffs > 0);
        Assert.True(m.OutageWaitSeconds > 0);
        Assert.Equal(0, m.RateLimitBackoffs);
        Assert.Equal(0, m.RateLimitWaitSeconds);
        Assert.Equal(0, m.RejectedAfterRateLimit);
        Assert.Equal(m.Backoffs, m.OutageBackoffs);
        Assert.Equal(m.RequestsRejected, m.RejectedAfterOutage);
    }

    [Fact]
    public void LoadAboveTheRequestLimitIsRateLimitWaits()
    {
        // 2 requests/s against 60 a minute, the API always up.
        ApiOptionSpec api = TestSpecs.Api(limits: new RateLimitSpec { RequestsPerMinute = 60, MaxWaitSeconds = 30 });
        WindowMetrics m = Run(api, new LoadSegment(3600, 2.0, 1, 0), seed: 13);
        Assert.True(m.RateLimitBackoffs > 0);
        Assert.True(m.RateLimitWaitSeconds > 0);
        Assert.Equal(0, m.OutageBackoffs);
        Assert.Equal(m.Backoffs, m.RateLimitBackoffs);
        Assert.True(m.RejectedAfterRateLimit > 0);
        Assert.Equal(m.RequestsRejected, m.RejectedAfterRateLimit);
    }

    [Fact]
    public void BothCausesAddUpToTheBackoffsAndRepeatWithTheSeed()
    {
        ApiOptionSpec api = TestSpecs.Api(availability: 0.98, limits: new RateLimitSpec { RequestsPerMinute = 60, MaxWaitSeconds = 60 }) with { MeanOutageMinutes = 5 };
        WindowMetrics a = Run(api, new LoadSegment(6 * 3600, 1.5, 1, 0), seed: 14);
        WindowMetrics b = Run(api, new LoadSegment(6 * 3600, 1.5, 1, 0), seed: 14);
        Assert.True(a.RateLimitBackoffs > 0 && a.OutageBackoffs > 0);
        Assert.Equal(a.Backoffs, a.RateLimitBackoffs + a.OutageBackoffs);
        Assert.Equal(a.RequestsRejected, a.RejectedAfterRateLimit + a.RejectedAfterOutage);
        Assert.Equal((a.RateLimitBackoffs, a.RateLimitWaitSeconds, a.OutageBackoffs, a.OutageWaitSeconds, a.RejectedAfterRateLimit, a.RejectedAfterOutage),
            (b.RateLimitBackoffs, b.RateLimitWaitSeconds, b.OutageBackoffs, b.OutageWaitSeconds, b.RejectedAfterRateLimit, b.RejectedAfterOutage));
    }

    [Fact]
    public void SelfHostedQueueingIsCountedOnlyWhenTheFleetIsShortOfCapacity()
    {
        // One replica with room for four sequences: light traffic never waits a second, heavy traffic does.
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(engine: new ServingEngineSpec { MaxConcurrentSequences = 4 });
        WindowMetrics light = RunFleet(option, 0.05, seed: 15);
        WindowMetrics heavy = RunFleet(option, 200, seed: 15);
        Assert.Equal(0, light.CapacityQueueWaits);
        Assert.True(heavy.CapacityQueueWaits > 0);
        Assert.True(heavy.CapacityQueueWaitSeconds >= heavy.CapacityQueueWaits * WindowMetrics.CapacityQueueThresholdSeconds);
        // A fleet has no API: no back-offs of either cause.
        Assert.Equal(0, heavy.RateLimitBackoffs + heavy.OutageBackoffs);
    }

    private static WindowMetrics Run(ApiOptionSpec api, LoadSegment segment, ulong seed) =>
        new ApiSimulator(api, TestSpecs.Workload(100, 50), new SloSpec()).Run(TestSpecs.Window(segment), seed, seed + 100);

    private static WindowMetrics RunFleet(SelfHostedOptionSpec option, double requestsPerSecond, ulong seed) =>
        new SelfHostedSimulator(option, TestSpecs.Workload(500, 200), new SloSpec(), PerformanceProfiles.For(option))
            .Run(TestSpecs.Window(new LoadSegment(600, requestsPerSecond, 1, 0)), seed, seed + 100);
}
