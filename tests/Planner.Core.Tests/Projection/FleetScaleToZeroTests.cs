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
    private static OptionProjection Fleet(AutoscalerSpec autoscaler, Func<int, double> replicasAtHour, Func<int, double> rateAtHour) => new()
    {
        Option = TestSpecs.SelfHosted(autoscaler: autoscaler),
        PerformanceSource = "test",
        Months = [SampleMonths.At(0)],
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
        Assert.Equal("self may scale to zero but never did on its weekday in 2027-01: even its quietest hour (03:00) brings 0.25 requests/s, "
            + "about 150 in each 600 s scale-down window, and the fleet goes to zero only after a whole window with no request in flight. "
            + "On such days it pays for a warm replica around the clock, as min_replicas: 1 would; scaling to zero saves money only where traffic stops for longer than scale_down_stabilization_s.",
            warning);
    }

    [Fact]
    public void AFleetThatReachesZeroInSomeHourIsNotNamed()
    {
        Assert.Empty(FleetDiagnostics.Warnings([Fleet(ToZero, h => h < 5 ? 0.4 : 2, h => h < 5 ? 0.001 : 3)]));
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
        Assert.Contains("quietest hour (00:00) brings 0.3 requests/s", warning);
    }
}
