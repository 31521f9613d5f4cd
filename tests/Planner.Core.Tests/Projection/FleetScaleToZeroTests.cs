using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A fleet set to scale to zero that never gets there is named, with the reason: it scales down
/// only after a whole stabilization window with nothing in flight, which steady night traffic
/// never gives it. A fleet that does reach zero, or may not, is not named.
/// </summary>
public sealed class FleetScaleToZeroTests
{
    private static OptionProjection Fleet(AutoscalerSpec autoscaler, Func<int, double> replicasAtHour, Func<int, double> rateAtHour, params double[] secondsAtZero) => new()
    {
        Option = TestSpecs.SelfHosted(autoscaler: autoscaler),
        PerformanceSource = "test",
        Months = secondsAtZero.Length == 0 ? [SampleMonths.At(0)] : [.. secondsAtZero.Select((z, i) => SampleMonths.At(i) with { SecondsAtZero = z })],
        Timeline = [.. Enumerable.Range(0, 24).Select(h => new DayTimelinePoint(h, rateAtHour(h), replicasAtHour(h), 0))],
    };

    private static readonly AutoscalerSpec ToZero = new()
    {
        MinReplicas = 0, MaxReplicas = 8, TargetValue = 4, ColdStartSeconds = 120, ScaleDownStabilizationSeconds = 600,
    };

    [Fact]
    public void AFleetThatMayScaleToZeroButHoldsAReplicaAllNightIsNamedWithItsQuietestHour()
    {
        // Quietest at 03:00 with 0.25 requests/s: 150 in a 600 s window, so the fleet never empties.
        string warning = Assert.Single(FleetDiagnostics.Warnings([Fleet(ToZero, h => h is >= 8 and < 18 ? 3 : 1, h => h == 3 ? 0.25 : h is >= 8 and < 18 ? 4 : 0.5)]));
        Assert.Equal("self may scale to zero but never did in 2027-01: even the quietest hour of 2027-01's weekday (03:00) brings 0.25 requests/s, "
            + "about 150 in each 600 s scale-down window, and the fleet goes to zero only after a whole window with no request in flight. "
            + "In such months it pays for a warm replica around the clock, as min_replicas: 1 would; scaling to zero saves money only where traffic stops for longer than scale_down_stabilization_s.",
            warning);
    }

    [Fact]
    public void AFleetThatReachesZeroInEveryMonthIsNotNamed()
    {
        Assert.Empty(FleetDiagnostics.Warnings([Fleet(ToZero, h => h < 5 ? 0.4 : 2, h => h < 5 ? 0.001 : 3, 3 * 3600, 5 * 3600)]));
    }

    [Fact]
    public void EveryMonthThatNeverReachedZeroCountsNotOnlyTheChartedOne()
    {
        // Month 1 reached zero; months 2 and 3 did not, and the last, charted, says why.
        string warning = Assert.Single(FleetDiagnostics.Warnings([Fleet(ToZero, _ => 1, h => h == 4 ? 0.1 : 1, 1800, 0, 0)]));
        Assert.StartsWith("self may scale to zero but never did in 2 of its 3 months (the first 2027-02, the last 2027-03): even the quietest hour of 2027-03's weekday (04:00) brings 0.1 requests/s, about 60 in each",
            warning, StringComparison.Ordinal);

        // The last month reached zero, an earlier one did not: the charted day cannot say why, so the warning does not pretend to.
        // What the other month's half hour at zero saved is said beside it: 0.5 h × 1 GPU at the listed $2.5 a GPU-hour.
        string earlier = Assert.Single(FleetDiagnostics.Warnings([Fleet(ToZero, h => h < 5 ? 0.4 : 2, h => h < 5 ? 0.001 : 3, 0, 1800)]));
        Assert.Equal("self may scale to zero but never did in 2027-01: the fleet goes to zero only after a whole scale-down window (600 s) with no request in flight. "
            + "In such months it pays for a warm replica around the clock, as min_replicas: 1 would; scaling to zero saves money only where traffic stops for longer than scale_down_stabilization_s. "
            + "In the other month it was at zero for 0.5 h in all, 0.5 GPU-hours not run (about $1.25 at its listed $2.5 a GPU-hour, against a floor of one GPU).",
            earlier);
    }

    [Fact]
    public void WhatScalingToZeroSavedIsSaidBesideTheRequestsThatWaitedForAColdStart()
    {
        // voice-agent's scale-to-zero fleet reached zero in 8 of 24 months, 1.18 h worth $0.95 in all,
        // while 125 requests waited 128.8 s each for a replica to start. Here: 36 s at zero in month 2
        // on 8-GPU units at the listed $2.5 a GPU-hour, and 3 requests that waited 390 s in all.
        OptionProjection o = Fleet(ToZero, _ => 1, h => h == 4 ? 0.1 : 1, 0, 36, 0);
        SelfHostedOptionSpec spec = TestSpecs.SelfHosted(autoscaler: ToZero, gpusPerReplica: 2);
        o = o with
        {
            Option = spec with { Pricing = spec.Pricing with { GpusPerInstance = 8 } },
            Months = [o.Months[0] with { ReplicaStartWaits = 1, ReplicaStartWaitSeconds = 90 }, o.Months[1] with { ReplicaStartWaits = 2, ReplicaStartWaitSeconds = 300 }, o.Months[2]],
        };
        string warning = Assert.Single(FleetDiagnostics.Warnings([o]));
        Assert.EndsWith("In the other month it was at zero for 0.01 h in all, 0.08 GPU-hours not run (about $0.20 at its listed $2.5 a GPU-hour, against a floor of one billing unit of 8 GPUs); "
            + "3 requests arrived with no replica ready and waited 130.0 s each on average for one to start.", warning, StringComparison.Ordinal);

        // Reserved GPUs bill all month: hours at zero save nothing on them.
        OptionProjection reserved = o with { Option = spec with { Pricing = spec.Pricing with { GpusPerInstance = 8, Model = GpuPricingModel.Reserved } } };
        Assert.Contains("In the other month it was at zero for 0.01 h in all, which saves nothing on reserved GPUs, billed all month; 3 requests arrived",
            Assert.Single(FleetDiagnostics.Warnings([reserved])), StringComparison.Ordinal);
    }

    [Fact]
    public void AFleetWithAMinimumOfOneOrAScheduleThatNeverAllowsZeroIsNotNamed()
    {
        Assert.Empty(FleetDiagnostics.Warnings([Fleet(ToZero with { MinReplicas = 1 }, _ => 1, _ => 0.5)]));
        AutoscalerSpec scheduled = ToZero with { ScheduledMinReplicas = [.. Enumerable.Repeat(1, 24)] };
        Assert.Empty(FleetDiagnostics.Warnings([Fleet(scheduled, _ => 1, _ => 0.5)]));
    }

    [Fact]
    public void OnlyTheHoursItsScheduleLetsItReachZeroCount()
    {
        // Held at one replica by its schedule from 08:00 to 18:00; at zero-allowed hours it still holds one.
        int[] schedule = [.. Enumerable.Range(0, 24).Select(h => h is >= 8 and < 18 ? 1 : 0)];
        string warning = Assert.Single(FleetDiagnostics.Warnings([Fleet(ToZero with { ScheduledMinReplicas = schedule }, _ => 1, h => h is >= 8 and < 18 ? 0.01 : 0.3)]));
        Assert.Contains("quietest hour of 2027-01's weekday (00:00) brings 0.3 requests/s", warning);
    }

    [Fact]
    public void TheQuietestHourIsThePlansSoThatASeedDoesNotMoveIt()
    {
        // Hours 0-5 planned alike at 0.457 requests/s; the draws put 04:00 lowest for one seed.
        OptionProjection o = Fleet(ToZero, _ => 1, h => h == 4 ? 0.45 : 1);
        o = o with { Timeline = [.. o.Timeline.Select(p => p with { PlannedRequestsPerSecond = p.Hour < 6 ? 0.457 : 1.2 })] };
        string warning = Assert.Single(FleetDiagnostics.Warnings([o]));
        Assert.Contains("even the quietest hour of 2027-01's weekday (00:00) brings 0.457 requests/s as planned, about 274 in each 600 s scale-down window", warning, StringComparison.Ordinal);
    }
}
