using Planner.Core.Costs;
using Planner.Core.Metrics;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Tests.Fidelity;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// Instances are billed whole: replicas are packed onto the instances their price rents, and the
/// GPUs no replica holds are billed as stranded. Every figure here is worked out by hand.
/// </summary>
public sealed class InstanceBillingTests
{
    private static readonly LinearProfile Profile = new(0.020, 0.0002, 0.00002);

    private static readonly WorkloadSpec Workload = new()
    {
        Classes = [new RequestClassSpec { Name = "c", Share = 1, InputTokens = new FixedTokens(500), OutputTokens = new FixedTokens(100) }],
        Volume = new VolumeSpec { RequestsPerDayMonth1 = 1, MonthlyGrowthRates = [0] },
        HourlyWeights = Enumerable.Repeat(1.0, 24).ToArray(),
    };

    private static SelfHostedOptionSpec Fleet(int replicas, int gpusPerReplica, int gpusPerInstance, double pricePerGpuHour = 2.0) =>
        FleetSpecs.Option(replicas: replicas) with
        {
            GpusPerReplica = gpusPerReplica,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = pricePerGpuHour, GpusPerInstance = gpusPerInstance },
        };

    /// <summary>1-GPU replicas on instances of <paramref name="gpusPerInstance"/> GPUs, sized by <paramref name="autoscaler"/>.</summary>
    private static SelfHostedOptionSpec Autoscaled(int gpusPerInstance, AutoscalerSpec autoscaler) =>
        Fleet(replicas: 1, gpusPerReplica: 1, gpusPerInstance: gpusPerInstance) with { FixedReplicas = null, Autoscaler = autoscaler };

    private static WindowMetrics Run(SelfHostedOptionSpec option, double seconds, double rate = 1)
    {
        var sim = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile);
        return sim.Run(new SimulationWindow { Label = "w", Index = 0, Segments = [new LoadSegment(seconds, rate, 1, 12)] }, 3, 4);
    }

    [Fact]
    public void ColdStartsThatCompressedHoursCountButSpentIdleAreBilledAsColdStartOutOfIdleTime()
    {
        // $2 per GPU-hour: 3,600 idle and 100 cold-start GPU-seconds, with 1,000 more counted as churn.
        var m = new WindowMetrics { GpuSecondsIdle = 3_600, GpuSecondsColdStart = 100, ChurnColdStartGpuSeconds = 1_000 };
        GpuCharges cost = CostModel.GpuUsd(Fleet(1, 1, 1), m, 730);
        Assert.Equal(1_100 / 3600.0 * 2, cost.ColdStartUsd, 9);
        Assert.Equal(2_600 / 3600.0 * 2, cost.IdleUsd, 9);
        Assert.Equal(3_700 / 3600.0 * 2, cost.TotalUsd, 9);

        // Never more than the idle time there is: the total stays what was simulated.
        m.ChurnColdStartGpuSeconds = 5_000;
        cost = CostModel.GpuUsd(Fleet(1, 1, 1), m, 730);
        Assert.Equal(0, cost.IdleUsd, 9);
        Assert.Equal(3_700 / 3600.0 * 2, cost.ColdStartUsd, 9);
    }

    [Fact]
    public void OneGpuReplicaOnAnEightGpuOfferPaysTheWholeInstance()
    {
        // One replica of one GPU on an 8-GPU node for an hour: 8 GPU-hours billed, 7 of them stranded.
        WindowMetrics m = Run(Fleet(replicas: 1, gpusPerReplica: 1, gpusPerInstance: 8), 3600);
        Assert.Equal(8 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(7 * 3600.0, m.GpuSecondsStranded, 6);
        Assert.Equal(1, m.PeakInstances);
        GpuCharges cost = CostModel.GpuUsd(Fleet(1, 1, 8), m, 730);
        Assert.Equal(8 * 2.0, cost.TotalUsd, 9);
        Assert.Equal(7 * 2.0, cost.StrandedUsd, 9);
        Assert.Equal(8, cost.GpuHours, 9);
    }

    [Fact]
    public void EightReplicasFillOneEightGpuInstanceAndCostOneInstance()
    {
        WindowMetrics m = Run(Fleet(replicas: 8, gpusPerReplica: 1, gpusPerInstance: 8), 3600);
        Assert.Equal(8 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(0, m.GpuSecondsStranded, 6);
        Assert.Equal(1, m.PeakInstances);
        Assert.Equal(8, m.PeakReplicas);
        Assert.Equal(16.0, CostModel.GpuUsd(Fleet(8, 1, 8), m, 730).TotalUsd, 9);
    }

    [Fact]
    public void ThreeGpuReplicasOnEightGpuInstancesStrandTwoGpusEachAndFillThreeInstances()
    {
        // By hand: 8 / 3 = 2 replicas per instance (2 GPUs left over); 5 replicas need 3 instances
        // (2 + 2 + 1) = 24 GPUs, of which 5 × 3 = 15 hold replicas and 9 are stranded.
        var packing = new InstancePacking(3, 8);
        Assert.Equal(2, packing.ReplicasPerUnit);
        Assert.Equal(2, packing.StrandedGpusPerFullUnit);
        Assert.Equal(3, packing.UnitsFor(5));
        Assert.Equal(24, packing.GpusBilledFor(5));

        WindowMetrics m = Run(Fleet(replicas: 5, gpusPerReplica: 3, gpusPerInstance: 8), 1800);
        Assert.Equal(24 * 1800.0, m.GpuSecondsBilled, 6);
        Assert.Equal(9 * 1800.0, m.GpuSecondsStranded, 6);
        Assert.Equal(3, m.PeakInstances);
        // 24 GPUs for half an hour at 2 USD.
        Assert.Equal(24.0, CostModel.GpuUsd(Fleet(5, 3, 8), m, 730).TotalUsd, 9);
    }

    [Fact]
    public void AReplicaLargerThanAnInstanceTakesWholeInstances()
    {
        // 12 GPUs per replica on 8-GPU instances: two instances (16 GPUs) per replica, 4 stranded.
        var packing = new InstancePacking(12, 8);
        Assert.Equal(1, packing.ReplicasPerUnit);
        Assert.Equal(2, packing.InstancesPerUnit);
        Assert.Equal(4, packing.StrandedGpusPerFullUnit);

        WindowMetrics m = Run(Fleet(replicas: 2, gpusPerReplica: 12, gpusPerInstance: 8), 3600);
        Assert.Equal(32 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(8 * 3600.0, m.GpuSecondsStranded, 6);
        Assert.Equal(4, m.PeakInstances);
    }

    [Fact]
    public void PerGpuOffersStrandNothing()
    {
        WindowMetrics m = Run(Fleet(replicas: 3, gpusPerReplica: 1, gpusPerInstance: 1), 3600);
        Assert.Equal(3 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(0, m.GpuSecondsStranded);
        Assert.Equal(3, m.PeakInstances);
    }

    [Fact]
    public void AnAutoscaledFleetStartsAWholeInstanceAndRunsAReplicaOnEverySlot()
    {
        // 1-GPU replicas on 2-GPU instances, scale from zero. The first request provisions a whole
        // instance and starts a replica on each of its slots: both are ready after the cold start
        // (300 s = 240 s provisioning + 60 s weight load), during which both GPUs are cold. The
        // load (2 requests/s) never needs a second instance, so nothing else starts and no GPU is
        // ever stranded: the slot the load does not need serves as an idle replica.
        SelfHostedOptionSpec option = Autoscaled(2, new AutoscalerSpec
        {
            MinReplicas = 0, MaxReplicas = 4, TargetValue = 4, ColdStartSeconds = 300, ProvisioningSeconds = 240, WeightLoadSeconds = 60,
            EvaluationIntervalSeconds = 10, ScaleUpDelaySeconds = 400, ScaleDownStabilizationSeconds = 3600,
        });
        WindowMetrics m = Run(option, 1200, rate: 2);
        Assert.Equal(2, m.PeakReplicas);
        Assert.Equal(1, m.PeakInstances);
        Assert.Equal(2, m.ColdStarts);
        Assert.Equal(2 * 300, m.GpuSecondsColdStart, 6);
        Assert.Equal(0, m.GpuSecondsStranded, 6);
        // The instance starts with the first arrival, a fraction of a second in: both GPUs are
        // billed from then to the end.
        double firstArrival = 1200 - m.GpuSecondsBilled / 2;
        Assert.InRange(firstArrival, 0, 2);
        Assert.Equal(2 * (1200 - firstArrival - 300), m.GpuSecondsBusy + m.GpuSecondsIdle, 6);
    }

    [Fact]
    public void AnAutoscaledFleetGrowsAndShrinksByWholeInstances()
    {
        // 1-GPU replicas on 2-GPU instances, at least 1 and at most 4 replicas. A minimum of one
        // replica is one instance, run full: 2 replicas. 30 requests/s for 10 minutes need the
        // maximum (2 instances, 4 replicas); then traffic stops and the autoscaler drains one whole
        // instance, so the fleet ends on one full instance. The fleet is never at an odd count
        // outside a drain, and no GPU of a running instance is ever stranded.
        SelfHostedOptionSpec option = Autoscaled(2, new AutoscalerSpec
        {
            MinReplicas = 1, MaxReplicas = 4, TargetValue = 1, ColdStartSeconds = 30,
            EvaluationIntervalSeconds = 10, ScaleUpDelaySeconds = 0, ScaleDownStabilizationSeconds = 60,
        });
        var sim = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile);
        WindowMetrics m = sim.Run(new SimulationWindow
        {
            Label = "w", Index = 0,
            Segments = [new LoadSegment(600, 30, 1, 12), new LoadSegment(1200, 0, 1, 13)],
        }, 3, 4);
        Assert.Equal(4, m.PeakReplicas);
        Assert.Equal(2, m.PeakInstances);
        Assert.Equal(2, sim.LiveReplicas);
        // The window starts with the minimum, one instance run full, and adds exactly one more.
        Assert.Equal(2, m.ColdStarts);
        Assert.Equal(0, m.GpuSecondsStranded, 6);
    }

    [Fact]
    public void AMaximumBelowAWholeInstanceLeavesItsOtherSlotsStranded()
    {
        // 1-GPU replicas on 8-GPU instances with at most 3 replicas: the instance runs the 3 the
        // maximum allows and its other 5 GPUs are stranded for the whole hour.
        SelfHostedOptionSpec option = Autoscaled(8, new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 3, TargetValue = 4, ColdStartSeconds = 30 });
        var sim = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile);
        WindowMetrics m = sim.Run(new SimulationWindow { Label = "w", Index = 0, Segments = [new LoadSegment(3600, 1, 1, 12)] }, 3, 4);
        Assert.Equal(3, m.PeakReplicas);
        Assert.Equal(1, m.PeakInstances);
        Assert.Equal(8 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(5 * 3600.0, m.GpuSecondsStranded, 6);
    }

    [Fact]
    public void TheOnDemandBaseFillsItsWholeInstanceBeforeAnyReplicaGoesToSpot()
    {
        // An on-demand base of 2 one-GPU replicas on 8-GPU instances is one on-demand instance,
        // already paid for: a fleet of 3 runs all three on it and rents no spot instance.
        SelfHostedOptionSpec option = Fleet(replicas: 3, gpusPerReplica: 1, gpusPerInstance: 8) with
        {
            Autoscaler = null,
            Spot = new SpotSpec { OnDemandBaseReplicas = 2, PricePerGpuHourUsd = 0.5, InterruptionsPerHour = 1, NoticeSeconds = 120 },
        };
        WindowMetrics m = Run(option, 3600);
        Assert.Equal(1, m.PeakInstances);
        Assert.Equal(0, m.SpotGpuSecondsBilled);
        Assert.Equal(8 * 3600.0, m.GpuSecondsBilled, 6);
        Assert.Equal(5 * 3600.0, m.GpuSecondsStranded, 6);
    }

    [Fact]
    public void ScalingInDrainsSpotReplicasAndKeepsTheOnDemandBase()
    {
        // An on-demand base of 2 one-GPU replicas on one-GPU instances, spot above it, and a load
        // that rises then falls: the fleet scales out onto spot and back in. The base is the 2
        // replicas bought on demand the whole window, so scaling in drains spot replicas, never the
        // base while spot ones still run (no interruptions here, so nothing else takes them).
        var autoscaler = new AutoscalerSpec { MinReplicas = 2, MaxReplicas = 12, TargetValue = 2, ColdStartSeconds = 60, EvaluationIntervalSeconds = 10, ScaleUpDelaySeconds = 0 };
        SelfHostedOptionSpec option = Autoscaled(1, autoscaler) with
        {
            Spot = new SpotSpec { OnDemandBaseReplicas = 2, PricePerGpuHourUsd = 0.5, InterruptionsPerHour = 0, NoticeSeconds = 120 },
        };
        var sim = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile);
        WindowMetrics m = sim.Run(new SimulationWindow
        {
            Label = "w", Index = 0,
            Segments = [new LoadSegment(1800, 1, 1, 12), new LoadSegment(1800, 40, 1, 13), new LoadSegment(1800, 1, 1, 14), new LoadSegment(1800, 40, 1, 15), new LoadSegment(1800, 1, 1, 16)],
        }, 3, 4);

        Assert.True(m.PeakReplicas > 4, $"the load should take the fleet onto spot: peak {m.PeakReplicas}");
        Assert.True(m.SpotGpuSecondsBilled > 0);
        Assert.Equal(2 * 9000.0, m.GpuSecondsBilled - m.SpotGpuSecondsBilled, 6);

        // Every cold start here is a spot instance's (the base is up from the start): billed at the
        // spot price, and the month's total is every spot second at the spot price and every other
        // at the on-demand price, however the time splits.
        Assert.True(m.SpotGpuSecondsColdStart > 0);
        Assert.Equal(m.GpuSecondsColdStart, m.SpotGpuSecondsColdStart, 6);
        double onDemand = option.Pricing.PricePerGpuHourUsd, spot = 0.5;
        GpuCharges cost = CostModel.GpuUsd(option, m, 730);
        Assert.Equal(m.SpotGpuSecondsColdStart / 3600 * spot, cost.ColdStartUsd, 9);
        Assert.Equal(m.SpotGpuSecondsBilled / 3600 * spot + (m.GpuSecondsBilled - m.SpotGpuSecondsBilled) / 3600 * onDemand, cost.TotalUsd, 9);
    }

    [Fact]
    public void ReservedFleetBillsTheCommittedInstancesAllMonth()
    {
        // 5 committed 3-GPU replicas on 8-GPU instances reserve 3 instances = 24 GPUs for 730 h.
        SelfHostedOptionSpec option = Fleet(replicas: 5, gpusPerReplica: 3, gpusPerInstance: 8) with
        {
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 2.0, GpusPerInstance = 8, Model = GpuPricingModel.Reserved },
        };
        WindowMetrics m = Run(option, 3600);
        GpuCharges cost = CostModel.GpuUsd(option, m, 730);
        Assert.Equal(24 * 730.0, cost.GpuHours, 6);
        Assert.Equal(24 * 730 * 2.0, cost.TotalUsd, 6);
        // The 9 GPUs no replica can use are stranded the whole month.
        Assert.Equal(9 * 730 * 2.0, cost.StrandedUsd, 6);
    }

    /// <summary>
    /// A base of 2 one-GPU replicas on one 4-GPU instance at $2 a GPU-hour (bought as
    /// <paramref name="model"/>), spot at $0.5 above it, through a quiet, busy and quiet half hour.
    /// </summary>
    private static (SelfHostedOptionSpec Option, WindowMetrics Metrics) SpotAboveABase(GpuPricingModel model)
    {
        var autoscaler = new AutoscalerSpec { MinReplicas = 2, MaxReplicas = 12, TargetValue = 2, ColdStartSeconds = 60, EvaluationIntervalSeconds = 10, ScaleUpDelaySeconds = 0 };
        SelfHostedOptionSpec option = Autoscaled(1, autoscaler) with
        {
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 2.0, GpusPerInstance = 4, Model = model },
            Spot = new SpotSpec { OnDemandBaseReplicas = 2, PricePerGpuHourUsd = 0.5, InterruptionsPerHour = 0, NoticeSeconds = 120 },
        };
        WindowMetrics m = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile).Run(new SimulationWindow
        {
            Label = "w", Index = 0,
            Segments = [new LoadSegment(1800, 1, 1, 12), new LoadSegment(1800, 40, 1, 13), new LoadSegment(1800, 1, 1, 14)],
        }, 3, 4);
        return (option, m);
    }

    [Fact]
    public void AReservedBaseUnderSpotCapacityReservesTheBaseInstancesAndBillsSpotWhileItRuns()
    {
        // An on-demand base of 2 one-GPU replicas on 4-GPU instances is bought reserved: one whole
        // instance (4 GPUs, every slot of which the fleet fills before it rents spot) billed all
        // 730 h at $2, and the spot instances above it billed while they run at $0.5. Reserving the
        // autoscaler's maximum of 12 replicas (12 GPUs all month) is what a reservation without
        // spot does, not this.
        (SelfHostedOptionSpec option, WindowMetrics m) = SpotAboveABase(GpuPricingModel.Reserved);
        Assert.True(m.SpotGpuSecondsBilled > 0, "the load should take the fleet onto spot");

        GpuCharges cost = CostModel.GpuUsd(option, m, 730);
        double spotHours = m.SpotGpuSecondsBilled / 3600;
        Assert.Equal(4 * 730 + spotHours, cost.GpuHours, 6);
        Assert.Equal(spotHours, cost.SpotGpuHours, 9);
        Assert.Equal(4 * 730 * 2.0 + spotHours * 0.5, cost.TotalUsd, 6);
        // The base instance's slots all hold on-demand replicas: none is stranded.
        Assert.Equal(0, cost.StrandedUsd);

        // Without spot capacity the reservation is the maximum's instances: 12 GPUs all month.
        GpuCharges all = CostModel.GpuUsd(option with { Spot = null }, m, 730);
        Assert.Equal(12 * 730 * 2.0, all.TotalUsd, 6);
        Assert.Equal(0, all.SpotGpuHours);
    }

    [Fact]
    public void ACommitmentUnderSpotCapacityCoversTheBaseAndLeavesTheSpotTimeAboveItAtTheSpotPrice()
    {
        // On demand at $2 with spot at $0.5 above a base of 2 one-GPU replicas on one 4-GPU
        // instance, and a reserved_commitment of those 4 GPUs at $1.5: the commitment pays for the
        // base all month, and everything above it is spot time, billed at the spot price (a blend
        // of the two prices over the whole month had billed it dearer).
        (SelfHostedOptionSpec option, WindowMetrics m) = SpotAboveABase(GpuPricingModel.OnDemand);
        MonthStats stats = MonthStats.From(m);
        // The time above the base is the spot time (to the second's billing round-up, which the
        // spot total counts and the time-above histogram does not).
        double spotHours = stats.GpuSecondsAbove(4) / 3600;
        Assert.True(spotHours > 0);
        Assert.Equal(m.SpotGpuSecondsBilled / 3600, spotHours, 0.001 * spotHours);

        GpuCharges cost = CostModel.GpuUsd(option, stats, 730, 1, [new ReservedCommitmentSpec { Gpus = 4, PricePerGpuHourUsd = 1.5, TermMonths = 12 }]);
        Assert.Equal(4 * 730 * 1.5 + spotHours * 0.5, cost.TotalUsd, 6);
        Assert.Equal(4 * 730 + spotHours, cost.GpuHours, 6);
        Assert.Equal(spotHours, cost.SpotGpuHours, 9);
    }

    [Fact]
    public void AFixedFleetReplacesSpotReplicasWhenTheirNoticeComes()
    {
        // Four replicas, one on demand and three spot, each spot instance interrupted every
        // 10 minutes on average with 2 minutes' notice. A managed instance group orders a
        // replacement at the notice, so the fleet never shrinks for long: over a day it keeps
        // close to four replicas and ends with four.
        SelfHostedOptionSpec option = Fleet(replicas: 4, gpusPerReplica: 1, gpusPerInstance: 1) with
        {
            Autoscaler = null,
            Spot = new SpotSpec { OnDemandBaseReplicas = 1, PricePerGpuHourUsd = 0.5, InterruptionsPerHour = 6, NoticeSeconds = 120 },
        };
        var sim = new SelfHostedSimulator(option, Workload, new SloSpec(), Profile);
        WindowMetrics m = sim.Run(new SimulationWindow { Label = "w", Index = 0, Segments = [new LoadSegment(86_400, 2, 1, 12)] }, 3, 4);
        Assert.True(m.SpotInterruptions > 100, $"{m.SpotInterruptions} interruptions");
        Assert.InRange(sim.LiveReplicas, 4, 5);
        // Ready replicas: four but for each replacement's cold start overlapping its notice.
        double meanLive = m.ReplicaSeconds / m.CoveredSeconds;
        Assert.InRange(meanLive, 3.5, 5.0);
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd, 6);
    }

    [Fact]
    public void AnInterruptedSpotInstanceTakesEveryReplicaOnIt()
    {
        // Two 1-GPU replicas share one 2-GPU spot instance (no on-demand base): with no notice, an
        // interruption loses both replicas' work at once, and everything lost is re-queued.
        SelfHostedOptionSpec option = Fleet(replicas: 2, gpusPerReplica: 1, gpusPerInstance: 2) with
        {
            FixedReplicas = null,
            Autoscaler = new AutoscalerSpec { MinReplicas = 2, MaxReplicas = 2, TargetValue = 8, ColdStartSeconds = 30, EvaluationIntervalSeconds = 10 },
            Spot = new SpotSpec { OnDemandBaseReplicas = 0, PricePerGpuHourUsd = 0.5, InterruptionsPerHour = 4, NoticeSeconds = 0 },
        };
        WindowMetrics m = Run(option, 7200, rate: 5);
        Assert.True(m.SpotInterruptions >= 2, $"{m.SpotInterruptions} interruptions");
        // Every interruption ends the one instance holding both replicas, and both replacements
        // share a new one: the fleet never holds more than one instance.
        Assert.Equal(1, m.PeakInstances);
        Assert.True(m.ColdStarts >= m.SpotInterruptions, $"{m.ColdStarts} cold starts");
        Assert.True(m.RequeuedRequests > 0);
        Assert.Equal(m.RequestsArrived, m.RequestsServed + m.RequestsRejected + m.RequestsInFlightAtEnd, 6);
        Assert.Equal(m.GpuSecondsBilled, m.SpotGpuSecondsBilled, 6);
    }
}
