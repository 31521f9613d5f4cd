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

        // By hand: 8,000 requests per calendar day on a week's average, weekends at 1.2 times a
        // weekday, so a weekday carries 7 × 8,000 / (5 + 2 × 1.2) = 7,567.57 and a weekend day
        // 9,081.08. 2027-01 has 21 weekdays and 10 weekend days: 249,729.73 requests (8,055.80 a
        // day over its 31: more than 8,000, as it has more than a week's share of weekend days).
        // 2029-12 is month 36, 8,000 × 1.15^35 = 1,065,404.19 a day on a week's average, and again
        // 21 weekdays and 10 weekend days: 33,257,887.47 requests. The daily figures are the ones
        // monthly.csv's requests_per_day column holds.
        Assert.Equal(
            "Traffic: 249,730 requests in 2027-01 (8,000 a day on a week's average) → 33,257,887 requests in 2029-12 (1,065,404 a day on a week's average).",
            ResultTables.Traffic(spec));
    }

    [Fact]
    public void AScenarioThatCountsWeekdaysSaysSo()
    {
        ScenarioSpec? spec = ScenarioInput.Load(Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml"), null, new StringWriter(), out _);
        Assert.NotNull(spec);
        // The same figures read as weekdays: 7,567.57 a weekday becomes 8,000, 21 × 8,000 + 10 × 9,600 = 264,000 in 2027-01.
        spec = spec with { HorizonMonths = 1, Workload = spec.Workload with { Volume = spec.Workload.Volume with { Basis = VolumeBasis.Weekday } } };
        Assert.Equal("Traffic: 264,000 requests in 2027-01 (8,000 a weekday).", ResultTables.Traffic(spec));
    }
}
