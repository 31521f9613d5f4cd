using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Serving;

/// <summary>What replicas cost: fixed fleets bill wall time, scale-to-zero pays cold starts, lifetimes round up.</summary>
public sealed class ReplicaBillingAndColdStartTests
{
    /// <summary>Two rows 5,000 s apart, replayed at their own rate: arrivals at exactly 0, 5000, 10000, …</summary>
    private static readonly TraceReplaySpec SparseTrace = new()
    {
        Source = "test",
        OffsetSeconds = [0, 5000],
        InputTokens = [800, 800],
        OutputTokens = [200, 200],
        DurationSeconds = 10_000,
    };

    [Fact]
    public void FixedFleetBillsEveryHourOfTheMonth()
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(fixedReplicas: 2, pricePerGpuHour: 3.0, gpusPerReplica: 1);
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(requestsPerDay: 5000, hourlyWeights: TestSpecs.BusinessHours, weekendFactor: 0.5), [option]);
        MonthlyOutcome month = new Projector().Run(scenario).Options[0].Months[0];

        // January: 744 hours, 2 replicas of 1 GPU, warm-up excluded (weight 0).
        Assert.Equal(2 * 744.0, month.GpuHours, 1e-6);
        Assert.Equal(2 * 744.0 * 3.0, month.Cost.GpuServingUsd + month.Cost.GpuIdleUsd + month.Cost.GpuColdStartUsd, 1e-6);
        Assert.Equal(0, month.Cost.GpuColdStartUsd);
        Assert.Equal(2.0, month.MeanReplicas, 9);
        Assert.True(month.Cost.GpuServingUsd > 0 && month.Cost.GpuIdleUsd > 0);
    }

    [Fact]
    public void ScaleFromZeroMakesEveryRequestWaitForTheColdStart()
    {
        const double coldStart = 90;
        (SelfHostedSimulator sim, WindowMetrics m) = RunSparse(coldStart, billingGranularity: 1, windowSeconds: 14_000);

        // Arrivals at 0, 5000 and 10000 each find the fleet at zero (it scales down within
        // ~2 minutes of going idle), so each pays one cold start before its prefill.
        Assert.Equal(3, m.RequestsArrived);
        Assert.Equal(3, m.RequestsServed);
        Assert.Equal(3, m.ColdStarts);
        // The histogram reports within 1% of the true value.
        Assert.True(m.TimeToFirstToken.Quantile(0) >= coldStart * (1 - LatencyHistogram.RelativeAccuracy),
            $"fastest TTFT {m.TimeToFirstToken.Quantile(0)} s is shorter than the {coldStart} s cold start");
        Assert.True(m.TimeToFirstToken.Quantile(1) < coldStart + 5);
        Assert.Equal(3 * coldStart, m.GpuSecondsColdStart, 1e-6);
        Assert.Equal(0, sim.LiveReplicas);
    }

    [Fact]
    public void WarmFleetDoesNotPayColdStarts()
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(autoscaler: Autoscaler(90, minReplicas: 1));
        WindowMetrics m = Run(option, 14_000);
        Assert.Equal(0, m.ColdStarts);
        Assert.True(m.TimeToFirstToken.Quantile(1) < 5);
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(3600.0)]
    public void BillingGranularityRoundsEachLifetimeUp(double granularity)
    {
        (_, WindowMetrics exact) = RunSparse(90, billingGranularity: 1e-6, windowSeconds: 14_000);
        (_, WindowMetrics rounded) = RunSparse(90, billingGranularity: granularity, windowSeconds: 14_000);

        // Same traffic and fleet, so the same three lifetimes (cold start + service + the wait
        // for scale-down, each a few minutes); only their billing differs.
        double lifetimes = exact.GpuSecondsBilled;
        Assert.True(lifetimes / 3 is > 90 and < 600, $"mean lifetime {lifetimes / 3} s");
        Assert.Equal(exact.GpuSecondsColdStart + exact.GpuSecondsBusy + exact.GpuSecondsIdle,
            rounded.GpuSecondsColdStart + rounded.GpuSecondsBusy + rounded.GpuSecondsIdle, 1e-6);
        // Each lifetime rounds up to a whole number of granules: the total is a whole number of
        // granules, at least the exact total, and less than one granule more per lifetime.
        double granules = rounded.GpuSecondsBilled / granularity;
        Assert.Equal(Math.Round(granules), granules, 6);
        Assert.InRange(rounded.GpuSecondsBilled, lifetimes, lifetimes + 3 * granularity);
        if (granularity == 3600)
        {
            Assert.Equal(3 * 3600.0, rounded.GpuSecondsBilled, 1e-6);
        }
    }

    private static AutoscalerSpec Autoscaler(double coldStart, int minReplicas = 0) => new()
    {
        MinReplicas = minReplicas,
        MaxReplicas = 2,
        TargetValue = 4,
        ColdStartSeconds = coldStart,
        EvaluationIntervalSeconds = 15,
        ScaleDownStabilizationSeconds = 60,
    };

    private static (SelfHostedSimulator, WindowMetrics) RunSparse(double coldStart, double billingGranularity, double windowSeconds)
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(autoscaler: Autoscaler(coldStart), billingGranularitySeconds: billingGranularity);
        var sim = new SelfHostedSimulator(option, TestSpecs.Workload(replay: SparseTrace), new SloSpec(),
            new RooflinePerformanceProfile(option.Model, option.Gpu, 1, option.Engine));
        return (sim, sim.Run(TestSpecs.Window(new LoadSegment(windowSeconds, 2.0 / 10_000, 1, 0)), 1, 2));
    }

    private static WindowMetrics Run(SelfHostedOptionSpec option, double windowSeconds)
    {
        var sim = new SelfHostedSimulator(option, TestSpecs.Workload(replay: SparseTrace), new SloSpec(),
            new RooflinePerformanceProfile(option.Model, option.Gpu, 1, option.Engine));
        return sim.Run(TestSpecs.Window(new LoadSegment(windowSeconds, 2.0 / 10_000, 1, 0)), 1, 2);
    }
}
