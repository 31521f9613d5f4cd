using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// The warm-up before a simulated day is bounded with the day: uncompressed, it ran 1,800 s at the
/// day's starting rate whatever the budget, and a consumer scenario at 200 million requests a day
/// simulated 15 million requests of a day bounded at 480,000 (a 19-minute run in 1.7 GB).
/// </summary>
public sealed class FidelityWarmUpTests
{
    private static SimulationWindow Day(double requestsPerDay) => new()
    {
        Label = "weekday",
        Index = 0,
        Segments =
        [
            new LoadSegment(1800, requestsPerDay / 86_400, 0, 23),
            .. Enumerable.Range(0, 24).Select(h => new LoadSegment(3600, requestsPerDay / 86_400, 1, h)),
        ],
    };

    [Theory]
    [InlineData(600_000)]
    [InlineData(2_000_000)]
    [InlineData(200_000_000)]
    [InlineData(20_000_000_000)]
    public void AWarmedUpDayNeverSimulatesMoreThanItsBound(double requestsPerDay)
    {
        OptionSpec fleet = TestSpecs.SelfHosted(fixedReplicas: 1);
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(), [fleet]);
        SimulationWindow day = Day(requestsPerDay);
        FidelityPlan plan = FidelityPlanner.Plan(scenario, fleet, day, null);
        double bound = FidelityPlanner.HardBudgetFactor * scenario.Simulation.MaxRequestsPerDay;
        double simulated = FidelityPlanner.ExpectedSimulatedRequests(day, plan);
        Assert.True(simulated <= bound * (1 + 1e-9), $"{simulated:F0} simulated against a bound of {bound:F0}");

        // The warm-up stays in real time while the day is within its bound, and is compressed with
        // every hour past it; it still weighs nothing.
        (SimulationWindow applied, _) = FidelityPlanner.Apply(day, fleet, plan, null);
        Assert.Equal(plan.Approximate ? 1800 / plan.WarmUpCompression : 1800, applied.Segments[0].DurationSeconds, 9);
        Assert.Equal(plan.Approximate, plan.WarmUpCompression > 1);
        Assert.Equal(0, applied.Segments[0].Weight);
        Assert.Equal(simulated, applied.Segments.Sum(s => s.ExpectedRequests), 6);
    }
}
