using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A compressed hour of a replayed trace replays whole repeats of it, so that its count and its
/// bursts are the trace's: azure-conversation-replay's 1,200 s windows each took 58% of its
/// hour-long trace, and the hourly rates of its flat day swung ±13% where real time swings ±3%.
/// </summary>
public sealed class FidelityReplayTests
{
    /// <summary>A trace of 1,000 rows, one every 3.6 s (an hour), replayed on a flat day.</summary>
    private static readonly TraceReplaySpec Trace = new()
    {
        Source = "traces/test.csv",
        OffsetSeconds = [.. Enumerable.Range(0, 1000).Select(i => i * 3.6)],
        InputTokens = [.. Enumerable.Repeat(100, 1000)],
        OutputTokens = [.. Enumerable.Repeat(10, 1000)],
        DurationSeconds = 3600,
    };

    private static SimulationWindow FlatDay(double requestsPerDay) => new()
    {
        Label = "weekday",
        Index = 0,
        Segments = [.. Enumerable.Range(0, 24).Select(h => new LoadSegment(3600, requestsPerDay / 86_400, 1, h))],
    };

    [Theory]
    [InlineData(100_000)]
    [InlineData(400_000)]
    [InlineData(2_000_000)]
    public void EachCompressedHourReplaysAWholeNumberOfRepeats(double requestsPerDay)
    {
        OptionSpec fleet = TestSpecs.SelfHosted(fixedReplicas: 1);
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(replay: Trace), [fleet]);
        FidelityPlan plan = FidelityPlanner.Plan(scenario, fleet, FlatDay(requestsPerDay), null);
        double hour = requestsPerDay / 24;
        for (int h = 0; h < 24; h++)
        {
            double c = plan.CompressionAt(h);
            Assert.True(c > 1, $"hour {h} is compressed ({c})");
            if (!plan.Approximate)
            {
                // Within the fidelity limit (min_segment_seconds 1,200 s: 3-fold); past it (2 M a day) further, still in whole repeats.
                Assert.InRange(c, 1, 3 + 1e-9);
            }
            double repeats = hour / c / Trace.OffsetSeconds.Count;
            Assert.Equal(Math.Round(repeats), repeats, 9);
        }
    }

    [Theory]
    [InlineData(100_000, 10_000_000, true)]
    [InlineData(10_000, 456_000, true)]
    [InlineData(3_000, 216_000, false)]
    public void WholeRepeatsNeverLiftADaysWorkPastTheBound(int rows, double requestsPerDay, bool approximate)
    {
        // A trace long against the budget: rounding to whole repeats alone would simulate every hour
        // in near real time (100,000 rows, 4.2 repeats an hour at 10 M a day: 4.8 M requests against
        // a bound of 80,000 here). Past the bound the day is compressed further, and called approximate
        // only where an hour goes past its lag limit or into less than one repeat.
        TraceReplaySpec trace = Trace with
        {
            OffsetSeconds = [.. Enumerable.Range(0, rows).Select(i => i * 3600.0 / rows)],
            InputTokens = [.. Enumerable.Repeat(100, rows)],
            OutputTokens = [.. Enumerable.Repeat(10, rows)],
        };
        OptionSpec fleet = TestSpecs.SelfHosted(fixedReplicas: 1);
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(replay: trace), [fleet], settings: new SimulationSettings { MaxRequestsPerDay = 10_000 });
        SimulationWindow day = FlatDay(requestsPerDay);
        FidelityPlan plan = FidelityPlanner.Plan(scenario, fleet, day, null);
        Assert.True(FidelityPlanner.ExpectedSimulatedRequests(day, plan) <= FidelityPlanner.HardBudgetFactor * 10_000 * (1 + 1e-9),
            $"{FidelityPlanner.ExpectedSimulatedRequests(day, plan):F0} simulated against a bound of {FidelityPlanner.HardBudgetFactor * 10_000:F0}");
        Assert.Equal(approximate, plan.Approximate);
        if (!approximate)
        {
            // 9,000 an hour, 3 repeats of 3,000: one whole repeat at the 3-fold limit, 72,000 a day within the bound.
            Assert.All(Enumerable.Range(0, 24), h => Assert.Equal(1, 9_000 / plan.CompressionAt(h) / rows, 9));
        }
    }

    [Fact]
    public void AnHourHoldingLessThanOneRepeatIsNotCompressedAndClassesAreCompressedAsBefore()
    {
        // 12,000 requests an hour against a trace of 1,000: compression 3 leaves 4 whole repeats.
        Assert.Equal(3, FidelityPlanner.WholeCycles(12_000, 1000, 3), 9);
        // 10,000: 3 would leave 3.33 repeats; 4 repeats is 2.5.
        Assert.Equal(2.5, FidelityPlanner.WholeCycles(10_000, 1000, 3), 9);
        // 1,700 an hour, 1.7 repeats: 3-fold would replay 0.57 of one; a whole repeat is 1.7-fold.
        Assert.Equal(1.7, FidelityPlanner.WholeCycles(1_700, 1000, 3), 9);
        // Less than one repeat in the hour: real time.
        Assert.Equal(1, FidelityPlanner.WholeCycles(900, 1000, 3));
        Assert.Equal(1, FidelityPlanner.WholeCycles(5000, 1000, 1));

        // Without a trace the hour is compressed by its share of the budget, as before: 100,000 a day, 4,167 an hour against 2,500.
        OptionSpec fleet = TestSpecs.SelfHosted(fixedReplicas: 1);
        FidelityPlan plan = FidelityPlanner.Plan(TestSpecs.Scenario(TestSpecs.Workload(), [fleet]), fleet, FlatDay(100_000), null);
        Assert.Equal(100_000 / 24.0 / 2500, plan.CompressionAt(5), 9);
    }
}
