using Planner.Cli.Console;
using Planner.Core.Specs;

namespace Planner.Cli.Tests;

/// <summary>The console states the traffic its months carry, as the scenario plans it.</summary>
public sealed class TrafficLineTests
{
    [Fact]
    public void TheChatScenarioCarriesItsPlannedRequests()
    {
        ScenarioSpec? spec = ScenarioInput.Load(Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml"), null, new StringWriter(), out _);
        Assert.NotNull(spec);

        // By hand: 8,000 requests per calendar day on average, weekends at 1.2 times a weekday, so
        // a weekday carries 7 × 8,000 / (5 + 2 × 1.2) = 7,567.57 and a weekend day 9,081.08.
        // 2027-01 has 21 weekdays and 10 weekend days: 249,729.73 requests, 8,055.80 a day (more
        // than 8,000: the month has more than its share of weekend days). 2029-12 is month 36,
        // 8,000 × 1.15^35 = 1,065,404.19 a day on average, and again 21 weekdays and 10 weekend
        // days: 33,257,887.47 requests, 1,072,835.08 a day.
        Assert.Equal(
            "Traffic: 249,730 requests in 2027-01 (8,056 a day) → 33,257,887 requests in 2029-12 (1,072,835 a day).",
            ResultTables.Traffic(spec));
    }
}
