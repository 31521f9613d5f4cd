using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A fleet held at its max_replicas while requests queue is named: at that ceiling its cost
/// stops following the load, which is what a reader of its monthly costs would otherwise miss.
/// </summary>
public sealed class FleetCeilingTests
{
    private static readonly AutoscalerSpec UpToFour = new() { MinReplicas = 1, MaxReplicas = 4, TargetValue = 8, ColdStartSeconds = 120 };

    private static OptionProjection Fleet(params (double Peak, double Queued, bool SloMet)[] months) => new()
    {
        Option = TestSpecs.SelfHosted(autoscaler: UpToFour),
        PerformanceSource = "test",
        Months = [.. months.Select((m, i) => SampleMonths.At(i) with { PeakReplicas = m.Peak, CapacityQueueWaits = m.Queued, SloMet = m.SloMet })],
    };

    [Fact]
    public void AFleetQueueingAtItsMaximumIsNamedWithTheMonthsAndTheShareThatWaited()
    {
        // Months 2 and 3 at 4 replicas with 1% and 3% of 300,000 requests waiting: 2% of those months'.
        string warning = Assert.Single(FleetDiagnostics.Warnings([Fleet((3, 3_000, true), (4, 3_000, true), (4, 9_000, false))]));
        Assert.Equal("self runs at its max_replicas of 4 while requests queue in 2 of 3 months (from 2027-02): 2.0% of those months' requests waited at least 1 s "
            + "for capacity and 1 of those months misses the SLO. At that ceiling more traffic lengthens queues instead of adding replicas, so its cost stops following the load; "
            + "a higher max_replicas lets it scale.", warning);
    }

    [Fact]
    public void AFleetWhoseReplicasMissTheSloEvenAloneIsNotToldAHigherCeilingMeetsIt()
    {
        var floor = new Planner.Core.Serving.LatencyFloor(100, 20, 50_000, 20_000, AboveSlo: true);
        OptionProjection missing = Fleet((4, 3_000, false), (4, 9_000, false)) with { LatencyFloor = floor };
        Assert.EndsWith("a higher max_replicas lets it scale, though not meet the SLO, which its replicas miss even with each request alone (its latency floor).",
            Assert.Single(FleetDiagnostics.Warnings([missing])), StringComparison.Ordinal);
        // A month that met the SLO after all: the floor is not what decides it.
        OptionProjection once = Fleet((4, 3_000, true), (4, 9_000, false)) with { LatencyFloor = floor };
        Assert.EndsWith("a higher max_replicas lets it scale.", Assert.Single(FleetDiagnostics.Warnings([once])), StringComparison.Ordinal);
    }

    [Fact]
    public void ASpotFleetPeakingAboveItsMaximumIsExplainedAndAnOnDemandOneIsNot()
    {
        // Peaks of 5 and 6 against a maximum of 4, no queueing: only the spot fleet's is explained.
        OptionProjection onDemand = Fleet((5, 0, true), (6, 0, true), (3, 0, true));
        OptionProjection spot = onDemand with
        {
            Option = TestSpecs.SelfHosted(autoscaler: UpToFour) with
            {
                Spot = new SpotSpec { OnDemandBaseReplicas = 1, PricePerGpuHourUsd = 0.3, InterruptionsPerHour = 0.05 },
            },
        };
        Assert.Empty(FleetDiagnostics.Warnings([onDemand]));
        Assert.Equal("self peaks above its max_replicas of 4 in 2 of 3 months (up to 6 in 2027-02): the replicas of a spot instance under an interruption notice finish their requests "
            + "while their replacements start, as a cloud's instance group briefly exceeds its maximum size to rebalance, and the peak counts both; they are billed while they run.",
            Assert.Single(FleetDiagnostics.Warnings([spot])));
    }

    [Fact]
    public void ASpotFleetFarBelowItsCeilingOnAverageIsSaidToReachItInBurstsAfterInterruptions()
    {
        // At the ceiling of 12 in two months with queues, averaging 3 and 3.5 replicas, interrupted
        // in both: bursts, and no advice to raise max_replicas for the load.
        var upToTwelve = UpToFour with { MaxReplicas = 12 };
        OptionProjection spot = new()
        {
            Option = TestSpecs.SelfHosted(autoscaler: upToTwelve) with { Spot = new SpotSpec { OnDemandBaseReplicas = 1, PricePerGpuHourUsd = 0.3, InterruptionsPerHour = 0.1 } },
            PerformanceSource = "test",
            Months = [.. new[] { 3.0, 3.5 }.Select((mean, i) => SampleMonths.At(i) with { PeakReplicas = 12, MeanReplicas = mean, CapacityQueueWaits = 3_000, SpotInterruptions = 20 })],
        };
        string warning = Assert.Single(FleetDiagnostics.Warnings([spot]));
        Assert.EndsWith("In those months (2027-01 and 2027-02) it averaged no more than 3.5 replicas, so it reaches the ceiling in bursts, not with its load, as when a spot interruption takes every replica on an instance at once "
            + "and the requests that queue while replacements start count as demand for more; a higher max_replicas only lets such bursts start more replicas, "
            + "whereas more on-demand base replicas or spot instances of fewer GPUs make each interruption smaller.", warning, StringComparison.Ordinal);
        // Averaging half its ceiling, or never interrupted, it is at the ceiling with its load.
        OptionProjection busy = spot with { Months = [.. spot.Months.Select(m => m with { MeanReplicas = 6 })] };
        Assert.EndsWith("a higher max_replicas lets it scale.", Assert.Single(FleetDiagnostics.Warnings([busy])), StringComparison.Ordinal);
        OptionProjection calm = spot with { Months = [.. spot.Months.Select(m => m with { SpotInterruptions = 0 })] };
        Assert.EndsWith("a higher max_replicas lets it scale.", Assert.Single(FleetDiagnostics.Warnings([calm])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30_000, ", and a lower overflow_queue_wait_s sends more of the excess to its API.")]
    // 63% of the requests already overflow, of the 70% that may leave the fleet: a lower threshold cannot move much more.
    [InlineData(189_000, "; a lower overflow_queue_wait_s would move little more, as 63.0% of those months' requests already went to its API, of the 70% that may (compliance_share keeps 30% on the fleet).")]
    public void AHybridAtItsCeilingIsToldALowerThresholdHelpsOnlyWhileLittleOfWhatMayLeaveAlreadyDoes(double overflowedPerMonth, string ending)
    {
        var hybrid = new HybridOptionSpec
        {
            Name = "hybrid",
            Primary = TestSpecs.SelfHosted(autoscaler: UpToFour),
            Overflow = TestSpecs.Api(),
            OverflowQueueWaitSeconds = 4,
            ComplianceShare = 0.3,
        };
        OptionProjection o = Fleet((4, 9_000, false), (4, 9_000, false)) with { Option = hybrid };
        o = o with { Months = [.. o.Months.Select(m => m with { OverflowedRequests = overflowedPerMonth })] };
        string warning = Assert.Single(FleetDiagnostics.Warnings([o]));
        Assert.EndsWith("a higher max_replicas lets it scale" + ending, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AReplicaSpanningMachinesIsNamedAndOneInsideAMachineIsNot()
    {
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(autoscaler: UpToFour);
        SelfHostedOptionSpec spanning = fleet with
        {
            GpusPerReplica = 4, Pricing = fleet.Pricing with { GpusPerInstance = 1, InstanceType = "g6e.xlarge" },
        };
        Assert.Equal($"self's replicas of 4 GPUs span 4 g6e.xlarge instances of 1 GPU each: tensor parallelism across machines all-reduces over their network, "
            + $"which Planner's step times do not model (they use the {fleet.Gpu.Id}'s own interconnect), so its throughput and latency are optimistic; price an instance that holds a whole replica.",
            FleetDiagnostics.SpansMachines("self", spanning));
        // Inside one 8-GPU machine, or priced per GPU with no machine named (a marketplace): nothing to say.
        Assert.Null(FleetDiagnostics.SpansMachines("self", spanning with { Pricing = spanning.Pricing with { GpusPerInstance = 8 } }));
        Assert.Null(FleetDiagnostics.SpansMachines("self", spanning with { Pricing = spanning.Pricing with { InstanceType = null } }));
        // The run's warnings include it.
        OptionProjection o = Fleet((3, 0, true)) with { Option = spanning };
        Assert.Contains(FleetDiagnostics.Warnings([o]), w => w.StartsWith("self's replicas of 4 GPUs span", StringComparison.Ordinal));
    }

    [Fact]
    public void ReachingTheMaximumWithoutQueueingIsNoWarning()
    {
        // Under 0.1% of the month's requests waiting is noise; below the maximum nothing is capped.
        Assert.Empty(FleetDiagnostics.Warnings([Fleet((4, 200, true), (3, 30_000, true))]));
    }
}
