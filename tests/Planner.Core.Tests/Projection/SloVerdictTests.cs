using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// Whether a month meets the SLO when some of its requests never finished: the latency
/// percentiles describe only the requests that did, so unfinished ones count as failing, with the
/// rejected, against the 1% a month may lose.
/// </summary>
public sealed class SloVerdictTests
{
    private static MonthlyOutcome Month(double arrived, double served, double rejected)
    {
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(), [TestSpecs.Api()], horizonMonths: 1);
        var stats = new MonthStats();
        stats[Stat.RequestsArrived] = arrived;
        stats[Stat.RequestsServed] = served;
        stats[Stat.RequestsRejected] = rejected;
        // Every finished request was fast: the percentiles alone would pass any target.
        stats[Stat.TtftP95Seconds] = 0.1;
        stats[Stat.E2eP99Seconds] = 1;
        return Projector.Outcome(scenario, scenario.Options[0], 0, stats);
    }

    [Fact]
    public void AMonthWhoseRequestsMostlyNeverFinishedMissesTheSloHoweverFastTheFewFinishedWere()
    {
        Assert.False(Month(arrived: 1_000_000, served: 0, rejected: 0).SloMet);
        Assert.False(Month(arrived: 1_000_000, served: 980_000, rejected: 0).SloMet);
    }

    [Fact]
    public void RejectedAndUnfinishedTogetherMayNotPassOnePercent()
    {
        Assert.True(Month(arrived: 1_000_000, served: 999_000, rejected: 0).SloMet);
        Assert.True(Month(arrived: 1_000_000, served: 990_000, rejected: 10_000).SloMet);
        Assert.False(Month(arrived: 1_000_000, served: 989_000, rejected: 6_000).SloMet);
    }
}
