using Planner.Core.Api;
using Planner.Core.Metrics;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Api;

/// <summary>Rate limits and outages: back-off, rejection after the maximum wait, and throughput caps.</summary>
public sealed class ApiLimitsAndOutagesTests
{
    [Theory]
    [InlineData(3600.0)]
    [InlineData(7200.0)]
    public void RequestLimitCapsThroughputAndRejectsTheExcess(double seconds)
    {
        const double rpm = 60; // 1 request/s against 2 offered
        ApiOptionSpec api = TestSpecs.Api(limits: new RateLimitSpec { RequestsPerMinute = rpm, MaxWaitSeconds = 30 });
        WindowMetrics m = Run(api, new LoadSegment(seconds, 2.0, 1, 0), seed: 1);

        // The bucket starts full (one minute's allowance) and refills at RPM/60 per second.
        double cap = rpm * seconds / 60 + rpm;
        Assert.True(m.RequestsServed <= cap, $"served {m.RequestsServed} > {cap}");
        // Under sustained overload the bucket is never full, so no refill is wasted: within 2%
        // of the cap (the slack covers tokens that sit < 1 s until the next attempt).
        Assert.True(m.RequestsServed >= 0.98 * rpm * seconds / 60, $"served {m.RequestsServed}");
        Assert.True(m.RequestsRejected > 0.3 * m.RequestsArrived);
        Assert.True(m.Backoffs > m.RequestsRejected);
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd);
        // A served request waited at most MaxWait before its lognormal TTFT (median 0.4 s,
        // p95 0.9 s, so σ = 0.49; 5.5σ, 6 s, bounds every draw with probability > 1 − 10⁻⁴).
        Assert.True(m.TimeToFirstToken.Quantile(1) <= (30 + 6.1) * 1.01);
        Assert.True(m.TimeToFirstToken.Quantile(0.5) > 1.0, "overloaded requests should wait");
    }

    [Fact]
    public void TokenLimitCapsTokenThroughput()
    {
        const double tpm = 6000; // 150 tokens a request: 40 requests/min against 60 offered
        ApiOptionSpec api = TestSpecs.Api(limits: new RateLimitSpec { TokensPerMinute = tpm });
        WindowMetrics m = Run(api, new LoadSegment(3600, 1.0, 1, 0), seed: 2);

        double cap = tpm * 60 + tpm;
        double tokens = m.InputTokens + m.OutputTokens;
        Assert.True(tokens <= cap, $"{tokens} tokens > {cap}");
        Assert.True(tokens >= 0.98 * tpm * 60);
        Assert.True(m.RequestsRejected > 0);
    }

    [Fact]
    public void TrafficUnderTheLimitIsNeverDelayed()
    {
        // 0.5 requests/s against a 60/min bucket of 60: a Poisson minute would need 60 arrivals
        // against a mean of 30 to empty it (probability < 10⁻⁶ per minute).
        ApiOptionSpec api = TestSpecs.Api(limits: new RateLimitSpec { RequestsPerMinute = 60 });
        WindowMetrics m = Run(api, new LoadSegment(3600, 0.5, 1, 0), seed: 3);
        Assert.Equal(0, m.Backoffs);
        Assert.Equal(0, m.RequestsRejected);
        Assert.Equal(m.RequestsArrived, m.RequestsServed);
    }

    [Fact]
    public void OutagesCauseBackoffsAndRejectionsInProportionToDowntime()
    {
        const double availability = 0.9;
        ApiOptionSpec api = TestSpecs.Api(availability: availability, limits: new RateLimitSpec { MaxWaitSeconds = 60 }) with { MeanOutageMinutes = 20 };
        // 90 days at 0.01/s: ~78,000 requests over ~650 up/down cycles.
        WindowMetrics m = Run(api, new LoadSegment(90 * 86400, 0.01, 1, 0), seed: 4);

        Assert.True(m.Backoffs > 0);
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd);
        // An arrival finds the API down with probability 1 − A (Poisson arrivals see time
        // averages). Its back-offs (1, 2, 4, … s with equal jitter) give up after about 45 s, so it
        // is rejected unless the outage ends within that: with 20-minute outages that is ≈ 96% of
        // them whether their lengths are exponential (e^(−45/1200)) or fixed (1 − 45/1200).
        // The downtime share over 90 days varies by at most ≈ 5% of 1 − A even for independent
        // exponential outages (sd √(2A(1−A)τ/T), τ = 1080 s), less when outages are stratified;
        // together with the rough 45 s, ±20% is a 4-sd band.
        double expected = (1 - availability) * Math.Exp(-45.0 / 1200);
        double share = m.RequestsRejected / m.RequestsArrived;
        Assert.InRange(share, expected * 0.8, expected * 1.2);
    }

    [Fact]
    public void FullAvailabilityNeverRejects()
    {
        WindowMetrics m = Run(TestSpecs.Api(), new LoadSegment(86400, 0.05, 1, 0), seed: 5);
        Assert.Equal(0, m.RequestsRejected);
        Assert.Equal(0, m.Backoffs);
        Assert.Equal(m.RequestsArrived, m.RequestsServed);
    }

    [Theory]
    [InlineData(149, true)] // 100 prompt + 50 answer tokens: one more than the window holds
    [InlineData(150, false)]
    [InlineData(null, false)] // unknown window: nothing refused for length
    public void ARequestLongerThanTheContextWindowIsRefusedAtOnceNeitherBilledNorServed(int? window, bool refused)
    {
        // A scenario of 500,000-token prompts against a 128,000-token API model had them all served.
        ApiOptionSpec api = TestSpecs.Api() with { ContextWindowTokens = window };
        WindowMetrics m = Run(api, new LoadSegment(3600, 0.5, 1, 0), seed: 6);
        Assert.True(m.RequestsArrived > 1000);
        if (refused)
        {
            Assert.Equal(m.RequestsArrived, m.RequestsRejected);
            Assert.Equal(m.RequestsArrived, m.RejectedOverContext);
            Assert.Equal(0, m.RequestsServed);
            Assert.Equal(0, m.InputTokens + m.OutputTokens);
            Assert.Equal(0, m.Backoffs);
        }
        else
        {
            Assert.Equal(0, m.RejectedOverContext);
            Assert.Equal(m.RequestsArrived, m.RequestsServed);
        }
    }

    private static WindowMetrics Run(ApiOptionSpec api, LoadSegment segment, ulong seed)
    {
        var sim = new ApiSimulator(api, TestSpecs.Workload(100, 50), new SloSpec());
        return sim.Run(TestSpecs.Window(segment), seed, seed + 100);
    }
}
