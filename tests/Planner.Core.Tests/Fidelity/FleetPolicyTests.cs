using Planner.Core.Hybrid;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Fidelity;

/// <summary>Fleet-level behaviour: spot capacity, routing, autoscaler policies, hybrid overflow.</summary>
public sealed class FleetPolicyTests
{
    private static readonly LinearProfile Profile = new(0.020, 0.0002, 0.00002);

    private static WorkloadSpec Workload(double share = 1) => new()
    {
        Classes = [new RequestClassSpec { Name = "c", Share = share, InputTokens = new FixedTokens(500), OutputTokens = new FixedTokens(100) }],
        Volume = new VolumeSpec { RequestsPerDayMonth1 = 1, MonthlyGrowthRates = [0] },
        HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
    };

    private static SimulationWindow Window(double seconds, double rate) =>
        new() { Label = "w", Index = 0, Segments = [new LoadSegment(seconds, rate, 1, 12)] };

    private static AutoscalerSpec Autoscaler(int min, int max, double cold = 60) =>
        new() { MinReplicas = min, MaxReplicas = max, TargetValue = 8, ColdStartSeconds = cold, EvaluationIntervalSeconds = 10, ScaleUpDelaySeconds = 0 };

    private static void AssertConserved(WindowMetrics m) =>
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd, 6);

    [Fact]
    public void SpotInterruptionsRequeueWorkAndAreBilledAtTheSpotPrice()
    {
        SelfHostedOptionSpec option = FleetSpecs.Option(replicas: 1) with
        {
            FixedReplicas = null,
            Autoscaler = Autoscaler(4, 4, cold: 30),
            // Mean time to interruption 6 minutes: an hour sees several. No notice, so work is lost and re-queued.
            Spot = new SpotSpec { OnDemandBaseReplicas = 1, PricePerGpuHourUsd = 0.3, InterruptionsPerHour = 10, NoticeSeconds = 0 },
        };
        var sim = new SelfHostedSimulator(option, Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(3600, 20), 5, 6);

        Assert.True(m.SpotInterruptions >= 5, $"{m.SpotInterruptions} interruptions");
        Assert.True(m.RequeuedRequests > 0);
        AssertConserved(m);
        // Three of four replicas are spot most of the time.
        double spotShare = m.SpotGpuSecondsBilled / m.GpuSecondsBilled;
        Assert.InRange(spotShare, 0.6, 0.8);
        var (serving, idle, cold, _, _, _) = Costs.CostModel.GpuUsd(option, m, 730);
        double expected = (m.SpotGpuSecondsBilled * 0.3 + (m.GpuSecondsBilled - m.SpotGpuSecondsBilled) * 1.0) / 3600;
        Assert.Equal(expected, serving + idle + cold, 6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void SpotInterruptionsAreCountedAsRealEventsInACompressedHour(double compression)
    {
        // Twenty spot replicas, each interrupted six times an hour on average, for one real hour:
        // about 120 interruptions, whether the hour is simulated in real time or compressed 3-fold
        // (1,200 simulated seconds standing for 3,600, the instances' lives paced at 3× so that the
        // hour still holds its real interruptions). Each is one real event, not three.
        SelfHostedOptionSpec option = FleetSpecs.Option(replicas: 20) with
        {
            Spot = new SpotSpec { OnDemandBaseReplicas = 0, PricePerGpuHourUsd = 0.3, InterruptionsPerHour = 6, NoticeSeconds = 0 },
        };
        var window = new SimulationWindow
        {
            Label = "w", Index = 0,
            Segments = [new LoadSegment(3600 / compression, 5 * compression, compression, 12) { EventWeight = 1 }],
        };
        WindowMetrics m = new SelfHostedSimulator(option, Workload(), new SloSpec(), Profile).Run(window, 5, 6);

        double spotInstanceHours = m.SpotGpuSecondsBilled / 3600;
        Assert.InRange(spotInstanceHours, 18, 20.5);
        Assert.InRange(m.SpotInterruptions, 0.75 * 6 * spotInstanceHours, 1.25 * 6 * spotInstanceHours);
    }

    [Theory]
    [InlineData(RouterPolicy.LeastOutstanding)]
    [InlineData(RouterPolicy.RoundRobin)]
    [InlineData(RouterPolicy.KvAware)]
    public void EveryRouterPolicyServesAllTraffic(RouterPolicy policy)
    {
        SelfHostedOptionSpec option = FleetSpecs.Option(replicas: 3) with { Router = policy };
        var sim = new SelfHostedSimulator(option, Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(600, 10), 1, 2);
        AssertConserved(m);
        Assert.True(m.RequestsServed > 5000);
        Assert.Equal(3 * 600, m.GpuSecondsBilled, 6);
    }

    [Fact]
    public void LeastOutstandingBeatsRoundRobinOnTailLatencyWithMixedSizes()
    {
        var mixed = new WorkloadSpec
        {
            Classes =
            [
                new RequestClassSpec { Name = "short", Share = 0.9, InputTokens = new FixedTokens(100), OutputTokens = new FixedTokens(20) },
                new RequestClassSpec { Name = "long", Share = 0.1, InputTokens = new FixedTokens(4000), OutputTokens = new FixedTokens(1500) },
            ],
            Volume = new VolumeSpec { RequestsPerDayMonth1 = 1, MonthlyGrowthRates = [0] },
            HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
        };
        double P99(RouterPolicy p)
        {
            var sim = new SelfHostedSimulator(FleetSpecs.Option(replicas: 4, engine: e => e with { MaxConcurrentSequences = 8 }) with { Router = p }, mixed, new SloSpec(), Profile);
            return sim.Run(Window(1800, 12), 3, 4).EndToEnd.Quantile(0.99);
        }
        Assert.True(P99(RouterPolicy.LeastOutstanding) < P99(RouterPolicy.RoundRobin));
    }

    [Fact]
    public void ScheduledMinimumKeepsReplicasWarmWithoutTraffic()
    {
        var schedule = Enumerable.Repeat(0, 24).ToArray();
        schedule[12] = 3;
        SelfHostedOptionSpec option = FleetSpecs.Option() with
        {
            FixedReplicas = null,
            Autoscaler = Autoscaler(0, 5) with { ScheduledMinReplicas = schedule },
        };
        var sim = new SelfHostedSimulator(option, Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(1800, 0), 1, 2);
        Assert.Equal(3 * 1800, m.GpuSecondsBilled, 6);
    }

    [Theory]
    [InlineData(AutoscalerMetric.Concurrency, 8)]
    [InlineData(AutoscalerMetric.RequestRate, 4)]
    [InlineData(AutoscalerMetric.QueueWait, 0.5)]
    [InlineData(AutoscalerMetric.KvUtilization, 0.5)]
    public void EveryAutoscalerMetricGrowsTheFleetUnderLoad(AutoscalerMetric metric, double target)
    {
        SelfHostedOptionSpec option = FleetSpecs.Option(engine: e => e with { MaxConcurrentSequences = 16 }) with
        {
            FixedReplicas = null,
            Autoscaler = Autoscaler(1, 20) with { Metric = metric, TargetValue = target },
        };
        var sim = new SelfHostedSimulator(option, Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(1800, 40), 1, 2);
        AssertConserved(m);
        Assert.True(m.PeakReplicas >= 3, $"{metric}: peak {m.PeakReplicas}");
        Assert.True(m.ColdStarts >= 2);
    }

    private static HybridOptionSpec Hybrid(double threshold, double compliance, double availability, HybridOutageFailover failover) => new()
    {
        Name = "hybrid",
        Primary = FleetSpecs.Option(replicas: 1, engine: e => e with { MaxConcurrentSequences = 4 }),
        Overflow = new ApiOptionSpec
        {
            Name = "hybrid/api", Model = "m", PricePerMillionInputTokensUsd = 1, PricePerMillionOutputTokensUsd = 2, PricePerMillionCachedInputTokensUsd = 1,
            Latency = new ApiLatencySpec { TtftMedianMs = 300, TtftP95Ms = 600, OutputTokensPerSecond = 100 },
            Availability = availability, MeanOutageMinutes = 5,
        },
        OverflowQueueWaitSeconds = threshold,
        ComplianceShare = compliance,
        OutageFailover = failover,
    };

    [Fact]
    public void HybridOverflowsToTheApiWhenTheFleetQueues()
    {
        var sim = new HybridSimulator(Hybrid(0.5, 0, 1, HybridOutageFailover.SelfHosted), Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(1800, 20), 1, 2);
        AssertConserved(m);
        Assert.True(m.OverflowedRequests > 0.2 * m.RequestsArrived, $"{m.OverflowedRequests} of {m.RequestsArrived}");
        Assert.Equal(m.OverflowedRequests * 500, m.ApiInputTokens, 6);
    }

    [Fact]
    public void ComplianceTrafficNeverLeavesTheFleet()
    {
        var sim = new HybridSimulator(Hybrid(0.0, 1.0, 1, HybridOutageFailover.SelfHosted), Workload(), new SloSpec(), Profile);
        WindowMetrics m = sim.Run(Window(1800, 20), 1, 2);
        AssertConserved(m);
        Assert.Equal(0, m.OverflowedRequests);
        Assert.Equal(0, m.ApiInputTokens);
    }

    [Fact]
    public void DuringAnApiOutageOverflowFailsOverToTheFleetOrWaits()
    {
        // Availability 0.5 over a 30-minute window: 15 minutes of outage.
        var failover = new HybridSimulator(Hybrid(0.0, 0, 0.5, HybridOutageFailover.SelfHosted), Workload(), new SloSpec(), Profile);
        WindowMetrics f = failover.Run(Window(1800, 5), 1, 2);
        var queue = new HybridSimulator(Hybrid(0.0, 0, 0.5, HybridOutageFailover.Queue), Workload(), new SloSpec(), Profile);
        WindowMetrics q = queue.Run(Window(1800, 5), 1, 2);
        AssertConserved(f);
        AssertConserved(q);
        Assert.Equal(0, f.RequestsRejected);
        Assert.True(q.Backoffs > 0);
        Assert.True(q.RequestsRejected > 0, "waiting for a 5-minute outage exceeds the 60 s maximum wait");
    }

    [Fact]
    public void ProjectorCostsAHybridAsGpusPlusOverflowTokens()
    {
        HybridOptionSpec option = Hybrid(0.5, 0, 1, HybridOutageFailover.SelfHosted);
        var scenario = new ScenarioSpec
        {
            Name = "h", StartMonth = new DateOnly(2027, 1, 1), HorizonMonths = 1, Seed = 1, Workload = Workload(), Slo = new SloSpec(),
            Options = [option, option.Overflow with { Name = "api" }],
        };
        var m = new WindowMetrics { ApiInputTokens = 2_000_000, ApiOutputTokens = 1_000_000, GpuSecondsBusy = 3600 };
        MonthlyOutcome o = Projector.Outcome(scenario, option, 0, m);
        Assert.Equal(2 * 1 + 1 * 2, o.Cost.ApiTokensUsd, 9);
        Assert.Equal(1.0, o.Cost.GpuServingUsd, 9);
        // The month states the overflow's tokens, so that its API cost can be multiplied out.
        Assert.Equal((2_000_000.0, 0.0, 1_000_000.0), (o.ApiInputTokens, o.ApiCachedInputTokens, o.ApiOutputTokens));
    }
}
