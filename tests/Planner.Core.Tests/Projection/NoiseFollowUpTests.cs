using Planner.Core.Costs;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// Months simulated again after the run so that an option's noise rests on months in which its
/// cost moves (<see cref="NoiseFollowUp"/>): a fleet pinned at its floor in the scheduled
/// noise-check months gets as many months in which it changed size, simulated exactly as a
/// scheduled check of them would have been, and nothing else of the run changes.
/// </summary>
public sealed class NoiseFollowUpTests
{
    // A fleet at its floor of one replica while traffic is small, growing into several replicas:
    // the first scheduled check month is pinned, the later months move.
    private static ScenarioSpec Scenario(int noiseCheckMonths) => TestSpecs.Scenario(
        TestSpecs.Workload(
            outputTokens: 400,
            requestsPerDay: 1500,
            hourlyWeights: TestSpecs.BusinessHours,
            weekendFactor: 0.3,
            arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2 }) with
        {
            Volume = new VolumeSpec { RequestsPerDayMonth1 = 1500, MonthlyGrowthRates = [0.6] },
        },
        [
            TestSpecs.Api(),
            TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 12, TargetValue = 2, ColdStartSeconds = 120 }),
        ],
        horizonMonths: 8,
        seed: 5,
        settings: new SimulationSettings { NoiseCheckMonths = noiseCheckMonths });

    private static readonly Lazy<ProjectionResult> Scheduled3 = new(() => new Projector().Run(Scenario(3)));

    private static readonly Lazy<ProjectionResult> EveryMonth = new(() => new Projector().Run(Scenario(8)));

    [Fact]
    public void APinnedFleetGetsAsManyMonthsInWhichItsCostMovesAsItsScheduledChecksMissed()
    {
        OptionProjection fleet = Scheduled3.Value.Options[1];
        var scheduled = new[] { 1, 5, 8 }.Where(m => fleet.Months[m - 1].Replicates.Count == 2).ToList();
        Assert.Equal([1, 5, 8], scheduled);
        // Month 1 is pinned at one replica under both seeds: its cost does not move.
        Assert.False(NoiseFollowUp.CanMove(fleet, fleet.Months[0]));
        NoiseMeasure noise = NoiseMeasure.Of(fleet)!;
        IReadOnlyList<int> followedUp = [.. noise.CheckedMonths.Except(scheduled)];
        Assert.NotEmpty(followedUp);
        // As many as the scheduled checks that did not move, each in a month that can.
        int pinnedScheduled = scheduled.Count(m => !NoiseMeasure.Moved(fleet.Months[m - 1].Replicates[0].SimulatedCostUsd, fleet.Months[m - 1].Replicates[1].SimulatedCostUsd));
        Assert.True(pinnedScheduled >= 1);
        Assert.Equal(pinnedScheduled, followedUp.Count);
        Assert.All(followedUp, m => Assert.True(NoiseFollowUp.CanMove(fleet, fleet.Months[m - 1]), $"month {m} cannot move"));
        Assert.Equal(scheduled.Count, noise.MovingMonths);
        // The API's tokens move in every month: its scheduled checks are enough.
        Assert.Equal(scheduled, NoiseMeasure.Of(Scheduled3.Value.Options[0])!.CheckedMonths);
    }

    [Fact]
    public void AFollowedUpMonthIsSimulatedExactlyAsAScheduledCheckOfItAndChangesNoFigureOfTheRun()
    {
        OptionProjection followed = Scheduled3.Value.Options[1];
        OptionProjection checkedAll = EveryMonth.Value.Options[1];
        IReadOnlyList<int> extra = [.. NoiseMeasure.Of(followed)!.CheckedMonths.Except([1, 5, 8])];
        Assert.NotEmpty(extra);
        foreach (int m in extra)
        {
            Assert.Equal(checkedAll.Months[m - 1].Replicates[1], followed.Months[m - 1].Replicates[1]);
        }
        // Every month's figures are replicate 0's, whichever months were simulated twice.
        for (int m = 0; m < followed.Months.Count; m++)
        {
            Assert.Equal(checkedAll.Months[m].Cost, followed.Months[m].Cost);
            Assert.Equal(checkedAll.Months[m].TtftP95Ms, followed.Months[m].TtftP95Ms);
            Assert.Equal(checkedAll.Months[m].ColdStarts, followed.Months[m].ColdStarts);
        }
        // The work counted includes the follow-up's requests.
        Assert.True(followed.SimulatedRequests > Scheduled3.Value.Options[0].SimulatedRequests / 2);
    }

    [Fact]
    public void EveryMonthCheckedLeavesNothingToFollowUp()
    {
        Assert.Null(NoiseFollowUp.Choose(EveryMonth.Value.Scenario, EveryMonth.Value.Options));
        Assert.All(EveryMonth.Value.Options, o => Assert.Equal(Enumerable.Range(1, 8), NoiseMeasure.Of(o)!.CheckedMonths));
    }

    [Fact]
    public void WithoutNoiseChecksNothingIsFollowedUp()
    {
        ProjectionResult run = new Projector().Run(Scenario(0) with { HorizonMonths = 3 });
        Assert.All(run.Options, o => Assert.Null(NoiseMeasure.Of(o)));
        Assert.Null(NoiseFollowUp.Choose(run.Scenario, run.Options));
    }

    [Fact]
    public void MonthsInWhichTheFleetFirstReachedANewSizeComeBeforeTheRest()
    {
        // Peak replicas 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3; checked months 1, 4, 8 and 12, of which 1
        // and 4 sat at the floor under both seeds: two follow-ups, and the months the fleet first
        // reached 2 and 3 replicas (6 and 9) are the ones taken, not 7, 10 or 11.
        double[] peaks = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3];
        int[] scheduled = [1, 4, 8, 12];
        OptionProjection fleet = Fleet(peaks, scheduled, pinned: [1, 4]);
        Assert.Equal([5, 8], NoiseFollowUp.MonthsFor(fleet));
        Assert.True(NoiseFollowUp.IsStep(fleet, 5));
        Assert.False(NoiseFollowUp.IsStep(fleet, 6));
        // Both are large steps (a replica more on means of 1.5 and 2.5: 67% and 40%), checked
        // whatever the scheduled months did: one pinned month or none still gets them.
        Assert.Equal(1 / 1.5, NoiseFollowUp.StepShare(fleet, 5), 12);
        Assert.Equal(1 / 2.5, NoiseFollowUp.StepShare(fleet, 8), 12);
        Assert.Equal(0, NoiseFollowUp.StepShare(fleet, 6));
        Assert.Equal([5, 8], NoiseFollowUp.MonthsFor(Fleet(peaks, scheduled, pinned: [1])));
        Assert.Equal([5, 8], NoiseFollowUp.MonthsFor(Fleet(peaks, scheduled, pinned: [])));
        // Three: both steps, then the middle of the other months that moved (7, 10, 11).
        Assert.Equal([5, 8, 9], NoiseFollowUp.MonthsFor(Fleet(peaks, scheduled, pinned: [1, 4, 8])));
    }

    [Fact]
    public void OnlyTheTwoLargestStepsAreCheckedWhenTheScheduledMonthsMoved()
    {
        // Peaks 10, 11, 12, 20, 20, 21, 40, 40: steps of one replica on means near 10-20 (under a
        // tenth of the fleet but at month 2, 1/10.5 = 9.5%), of eight on 19.5 (41%) and of nineteen
        // on 39.5 (48%): the two largest, months 7 and 4 (1-based), every scheduled month moving.
        double[] peaks = [10, 11, 12, 20, 20, 21, 40, 40];
        OptionProjection fleet = Fleet(peaks, [1, 8], pinned: []);
        Assert.True(NoiseFollowUp.StepShare(fleet, 1) < NoiseFollowUp.LargeStepShare);
        Assert.Equal([3, 6], NoiseFollowUp.MonthsFor(fleet));
        // A fleet that grows a replica at a time past ten replicas takes no large step: nothing more.
        Assert.Empty(NoiseFollowUp.MonthsFor(Fleet([11, 12, 13, 14, 15, 16], [1, 6], pinned: [])));
    }

    [Fact]
    public void AMonthsOwnIndependentDaysAddToSigmaButDoNotReplaceTheFollowUps()
    {
        // The fleet above, checked months 1 and 4 pinned (two follow-ups wanted), with three
        // independent days a month whose costs moved in month 7: two more degrees of freedom for
        // σ, but the spreads the run reports are the pairs', so the follow-ups stay.
        double[] peaks = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3];
        OptionProjection pinned = Fleet(peaks, [1, 4, 8, 12], pinned: [1, 4]);
        OptionProjection withDays = pinned with
        {
            Months = [.. pinned.Months.Select((m, i) => m with { DayCostsUsd = i == 6 ? [990.0, 1000, 1010] : [1000.0, 1000, 1000] })],
        };
        Assert.Equal(2, NoiseMeasure.Of(withDays)!.DayDegreesOfFreedom);
        Assert.Equal(4, NoiseMeasure.Of(withDays)!.DegreesOfFreedom);
        Assert.Equal([5, 8], NoiseFollowUp.MonthsFor(withDays));
    }

    [Fact]
    public void TheMedianSpreadIsTakenOverTheCheckedMonthsThatMoved()
    {
        // Months 8 and 12 moved by 1% between the seeds (spread 0.01/1.005), months 1 and 4 were pinned:
        // over all four the median would read half that.
        NoiseMeasure noise = NoiseMeasure.Of(Fleet([1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3], [1, 4, 8, 12], pinned: [1, 4]))!;
        Assert.Equal(2, noise.MovingMonths);
        Assert.Equal(0.01 / 1.005, noise.MedianCostSpread!.Value, 12);
        Assert.Equal(0.01 / 1.005, noise.MonthlyCostSd!.Value * Math.Sqrt(2), 12);
        Assert.Equal(0, NoiseMeasure.Of(Fleet([1, 1, 1, 1], [1, 4], pinned: [1, 4]))!.MedianCostSpread);
    }

    /// <summary>An autoscaled fleet whose month i peaks at <paramref name="peaks"/>[i] replicas (cold starts where above 1), checked in <paramref name="scheduled"/> (1-based), the same cost under both seeds in <paramref name="pinned"/>.</summary>
    private static OptionProjection Fleet(double[] peaks, int[] scheduled, int[] pinned) => new()
    {
        Option = TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 4, TargetValue = 2, ColdStartSeconds = 120 }),
        PerformanceSource = "test",
        Months = [.. peaks.Select((peak, i) => SampleMonths.At(i) with
        {
            Cost = new CostBreakdown { GpuServingUsd = 1000 * peak },
            GpuHours = 400 * peak,
            MeanReplicas = peak == 1 ? 1 : peak - 0.5,
            PeakReplicas = peak,
            ColdStarts = peak == 1 ? 0 : 30,
            Replicates = scheduled.Contains(i + 1)
                ? [new ReplicateOutcome(1000 * peak, 200), new ReplicateOutcome(1000 * peak * (pinned.Contains(i + 1) ? 1 : 1.01), 200)]
                : [],
        })],
    };

    [Fact]
    public void TheFollowUpPairsEachMonthWithTheOptionsItSimulates()
    {
        var followUp = new NoiseFollowUp([2, 2, 5, 7], [1, 3, 1, 0]);
        Assert.Equal([2, 5, 7], followUp.Months);
        Assert.Equal([1, 3], followUp.OptionsIn(2));
        Assert.Equal([0], followUp.OptionsIn(7));
        Assert.Empty(followUp.OptionsIn(4));
    }
}
