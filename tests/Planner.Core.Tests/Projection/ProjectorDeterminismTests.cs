using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>One seed, same bytes out: repeated runs and different core counts agree exactly.</summary>
public sealed class ProjectorDeterminismTests
{
    private static ScenarioSpec Scenario(ulong seed) => TestSpecs.Scenario(
        TestSpecs.Workload(
            requestsPerDay: 4000,
            hourlyWeights: TestSpecs.BusinessHours,
            weekendFactor: 0.5,
            arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 1.5 }) with
        {
            Volume = new VolumeSpec { RequestsPerDayMonth1 = 4000, MonthlyGrowthRates = [0.5] },
        },
        [
            TestSpecs.Api(limits: new RateLimitSpec { RequestsPerMinute = 20 }, availability: 0.98, batchShare: 0.1),
            TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 0, MaxReplicas = 3, TargetValue = 2, ColdStartSeconds = 60 }) with
            {
                OneTimeCosts = [new OneTimeCostSpec { Name = "migration", AmountUsd = 5000 }],
            },
        ],
        horizonMonths: 2,
        seed: seed);

    [Fact]
    public void SameSeedGivesIdenticalOutcomesAndParallelismDoesNotMatter()
    {
        ScenarioSpec scenario = Scenario(7);
        ProjectionResult first = new Projector().Run(scenario, maxParallelism: 2);
        ProjectionResult again = new Projector().Run(scenario, maxParallelism: 2);
        ProjectionResult serial = new Projector().Run(scenario, maxParallelism: 1);

        foreach (ProjectionResult other in new[] { again, serial })
        {
            Assert.Equal(first.Options.Count, other.Options.Count);
            for (int o = 0; o < first.Options.Count; o++)
            {
                // MonthlyOutcome and CostBreakdown are records: Equals compares every field
                // (double.Equals, so NaN latency of an empty histogram equals NaN); the list of
                // replicate outcomes is compared item by item.
                Assert.Equal(first.Options[o].Months.Select(m => m with { Replicates = [] }), other.Options[o].Months.Select(m => m with { Replicates = [] }));
                Assert.Equal(first.Options[o].Months.SelectMany(m => m.Replicates), other.Options[o].Months.SelectMany(m => m.Replicates));
                Assert.Equal(first.Options[o].Timeline, other.Options[o].Timeline);
                Assert.Equal(first.Options[o].PerformanceSource, other.Options[o].PerformanceSource);
            }
            Assert.Equal(first.BreakEven, other.BreakEven);
            Assert.Equal(first.BaselineName, other.BaselineName);
            Assert.Equal(first.Recommendation.Text, other.Recommendation.Text);
            Assert.Equal(first.SimulatedRequests, other.SimulatedRequests);
            Assert.Equal(first.SimulatedEvents, other.SimulatedEvents);
        }
        // An API's latency is the scenario's word for it, and its performance source says so with the figures.
        Assert.Equal("provider latency as the scenario states it, not a measurement: time to first token lognormal with median 400 ms and p95 900 ms, then 80 output tokens/s; availability 98.0%",
            first.Options[0].PerformanceSource);
        // A month's own ramp is measured on its own weekday, whatever the horizon: the same month 1
        // in a one-month run (the oscillation warning had scaled every month's from the last one's).
        double ramp = first.Options[1].Months[0].RampScaleUps;
        Assert.True(double.IsFinite(ramp) && ramp > 0, $"month 1 climbs {ramp} replicas");
        Assert.Equal(ramp, new Projector().Run(scenario with { HorizonMonths = 1 }, maxParallelism: 2).Options[1].Months[0].RampScaleUps);
        Assert.True(double.IsNaN(first.Options[0].Months[0].RampScaleUps) || first.Options[0].Months[0].RampScaleUps == 0, "an API has no replicas to climb");
        // The scenario exercises the random parts: limits, outages, batch split, cold starts.
        MonthlyOutcome api = first.Options[0].Months[1];
        Assert.True(api.Backoffs > 0);
        Assert.True(first.Options[1].Months[0].ColdStarts > 0);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentDraws()
    {
        // Guards the test above against comparing constants: the seed does reach the simulation.
        MonthlyOutcome a = new Projector().Run(Scenario(7), maxParallelism: 2).Options[1].Months[0];
        MonthlyOutcome b = new Projector().Run(Scenario(8), maxParallelism: 2).Options[1].Months[0];
        Assert.NotEqual(a.Requests, b.Requests);
        Assert.NotEqual(a.Cost.CogsUsd, b.Cost.CogsUsd);
    }
}
