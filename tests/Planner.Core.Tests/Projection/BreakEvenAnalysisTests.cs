using Planner.Core.Costs;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// Break-even month, crossover volume and savings on hand-built projections. All costs are
/// small integers or halves, so every expected value below is exact in binary floating point.
/// </summary>
public sealed class BreakEvenAnalysisTests
{
    private static readonly DateOnly Start = new(2025, 3, 1);

    // Baseline API: cost grows with volume, 100 USD per 1,000 requests/day, months 1–8.
    private static readonly double[] Volumes = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000];
    private static readonly OptionProjection Api = Projection("api", Volumes.Select(v => v / 10).ToArray());

    [Fact]
    public void CrossoverIsInterpolatedAndBreakEvenWaitsForTheOneTimeCostToBeRepaid()
    {
        // Self-hosting: 350/month flat plus a 600 migration in month 1.
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 600);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);

        // Monthly differences 250, 150, 50, −50, …: the curves cross between months 3 and 4, at
        // 3000 + 1000 × 50 / (50 + 50) = 3500 requests/day.
        Assert.Equal(CrossoverStatus.Crosses, r.Crossover);
        Assert.Equal(3500.0, r.CrossoverRequestsPerDay);
        // Cumulative: self 950, 1300, …, 3050, 3400; API 100, 300, …, 2800, 3600. Month 8 is the
        // first from which self stays at or below.
        Assert.Equal(8, r.Month);
        Assert.Equal(new DateOnly(2025, 10, 1), r.CalendarMonth);
        Assert.Equal(3600.0 - 3400.0, r.SavingsAtHorizonUsd);
        Assert.Equal("self", r.Option);
        Assert.Equal("api", r.Baseline);
    }

    [Fact]
    public void ExactTieAtAMonthCountsAsTheCrossoverAtThatMonthsVolume()
    {
        // Differences 200, 100, 0: the crossover is exactly month 3's volume.
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(300.0, 8)]);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(CrossoverStatus.Crosses, r.Crossover);
        Assert.Equal(3000.0, r.CrossoverRequestsPerDay);
        // Cumulative self 300·k against API 50·k(k+1): equal at k = 5 and below after.
        Assert.Equal(5, r.Month);
    }

    [Fact]
    public void CheaperFromMonthOneHasNoCrossoverVolume()
    {
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(50.0, 8)]);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(CrossoverStatus.CheaperThroughout, r.Crossover);
        Assert.Null(r.CrossoverRequestsPerDay);
        Assert.Equal(1, r.Month);
        Assert.Equal(Start, r.CalendarMonth);
        Assert.Equal(3600.0 - 400.0, r.SavingsAtHorizonUsd);
    }

    [Fact]
    public void NeverCheaperWithinTheHorizon()
    {
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(1000.0, 8)]);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(CrossoverStatus.NeverWithinHorizon, r.Crossover);
        Assert.Null(r.CrossoverRequestsPerDay);
        Assert.Null(r.Month);
        Assert.Null(r.CalendarMonth);
        Assert.Equal(3600.0 - 8000.0, r.SavingsAtHorizonUsd);
    }

    [Fact]
    public void BreakEvenMonthIsWhereCumulativeCostStaysBelowNotWhereItFirstDips()
    {
        // Cumulative self: 50, 150, 650, 700, 750, 800, 850, 900 (a 450 one-time cost in month 3);
        // API: 100, 300, 600, 1000, 1500, … — below in months 1–2, above in 3, below from 4 on.
        OptionProjection self = new()
        {
            Option = Option("self"),
            PerformanceSource = "test",
            Months = [.. Enumerable.Range(0, 8).Select(i => Outcome(i, Volumes[i], i == 1 ? 100 : 50, i == 2 ? 450 : 0))],
        };
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(4, r.Month);
        Assert.Equal(new DateOnly(2025, 6, 1), r.CalendarMonth);
        Assert.Equal(CrossoverStatus.CheaperThroughout, r.Crossover);
        Assert.Equal(3600.0 - 900.0, r.SavingsAtHorizonUsd);
    }

    [Fact]
    public void TheCrossingThatHoldsIsReportedNotAnEarlierOneThatWasUndone()
    {
        // Differences 50, −50, 50, −50, …, 50, −50: cheaper in months 2, 4 and 6, but only the last
        // crossing, between months 7 and 8 (7,000 and 8,000 requests/day), is followed by cheaper months to the horizon.
        OptionProjection self = Projection("self", [.. Volumes.Select((v, i) => v / 10 + (i % 2 == 0 ? 50.0 : -50.0))]);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(CrossoverStatus.Crosses, r.Crossover);
        Assert.Equal(7500.0, r.CrossoverRequestsPerDay);
        // The best alternative's "cheaper from" names the same crossing.
        Assert.Equal(7500.0, BestAlternative.Compare(Api, self).CheaperFromRequestsPerDay);
    }

    [Fact]
    public void CheaperInEarlierMonthsButNotAtTheHorizonHasNoCrossover()
    {
        // Differences −50, −50, …, −50, +50: cheaper from month 1 to 7, dearer at the horizon.
        OptionProjection self = Projection("self", [.. Volumes.Select((v, i) => v / 10 + (i == 7 ? 50.0 : -50.0))]);
        BreakEvenResult r = BreakEvenAnalysis.Compare(self, Api);
        Assert.Equal(CrossoverStatus.NeverWithinHorizon, r.Crossover);
        Assert.Null(r.CrossoverRequestsPerDay);
    }

    [Fact]
    public void ProjectionTotalsAddCogsAndOneTimeCosts()
    {
        OptionProjection self = Projection("self", [.. Enumerable.Repeat(350.0, 8)], oneTimeMonth1: 600);
        Assert.Equal(8 * 350.0 + 600, self.TotalCostUsd);
        Assert.Equal(950.0, self.CumulativeCostUsd()[0]);
        Assert.Equal(3400.0, self.CumulativeCostUsd()[^1]);
    }

    private static OptionProjection Projection(string name, double[] monthlyCogs, double oneTimeMonth1 = 0) => new()
    {
        Option = Option(name),
        PerformanceSource = "test",
        Months = [.. monthlyCogs.Select((c, i) => Outcome(i, Volumes[i], c, i == 0 ? oneTimeMonth1 : 0))],
    };

    private static OptionSpec Option(string name) => TestSpecs.Api() with { Name = name };

    private static MonthlyOutcome Outcome(int index, double requestsPerDay, double cogs, double oneTime) => new()
    {
        Month = index + 1,
        CalendarMonth = Start.AddMonths(index),
        RequestsPerDay = requestsPerDay,
        Requests = requestsPerDay * 30,
        RequestsServed = requestsPerDay * 30,
        RequestsRejected = 0,
        Backoffs = 0,
        InputTokens = 0,
        CachedInputTokens = 0,
        OutputTokens = 0,
        // Split across two components so the test also exercises the COGS sum.
        Cost = new CostBreakdown { ApiTokensUsd = cogs / 2, FixedUsd = cogs / 2, OneTimeUsd = oneTime },
        TtftP50Ms = 100,
        TtftP95Ms = 200,
        TpotP95Ms = 20,
        E2eP50Ms = 1000,
        E2eP99Ms = 3000,
        SloAttainment = 1,
        SloMet = true,
        GpuHours = 0,
        MeanReplicas = 0,
        PeakReplicas = 0,
        Utilization = 0,
        ColdStarts = 0,
    };
}
