using Planner.Core.Costs;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Api;

/// <summary>
/// With fixed token counts, no limits, full availability and whole-day weights, the API bill
/// is pure arithmetic: every weight is a whole number of days and every token count an
/// integer, so the weighted sums are exact and the bill must equal the hand formula to the
/// last bit when evaluated in the same order.
/// </summary>
public sealed class ApiTokenCostTests
{
    private const int In = 1200;
    private const int Out = 350;

    [Fact]
    public void BillIsRequestsTimesPerRequestPriceExactly()
    {
        ApiOptionSpec api = TestSpecs.Api(priceIn: 3.0, priceOut: 15.0, priceCached: 0.3);
        MonthlyOutcome month = RunMonth(api, cachedFraction: 0);

        double n = month.Requests;
        // January 2025 has 23 weekdays and 8 weekend days: whole-day weights, whole counts.
        Assert.Equal(Math.Round(n), n);
        Assert.True(n > 1000 * 31 * 0.9);
        Assert.Equal(n, month.RequestsServed);
        Assert.Equal(0, month.RequestsRejected);
        Assert.Equal(n * In, month.InputTokens);
        Assert.Equal(n * Out, month.OutputTokens);
        Assert.Equal(0, month.CachedInputTokens);

        double expected = (n * In * api.PricePerMillionInputTokensUsd + 0 * api.PricePerMillionCachedInputTokensUsd + n * Out * api.PricePerMillionOutputTokensUsd) / 1_000_000.0;
        Assert.Equal(CostModel.Cents(expected), month.Cost.ApiTokensUsd);
        // The same bill per request, to the cent the bill is stated in.
        Assert.Equal(n * (In * 3.0 + Out * 15.0) / 1e6, month.Cost.ApiTokensUsd, 0.005 + 1e-9 * expected);
        Assert.Equal(month.Cost.ApiTokensUsd, month.Cost.CogsUsd);
    }

    [Fact]
    public void CachedPrefixIsBilledAtTheCachedPrice()
    {
        ApiOptionSpec api = TestSpecs.Api(priceIn: 2.5, priceOut: 10.0, priceCached: 1.25);
        const double fraction = 0.37;
        MonthlyOutcome month = RunMonth(api, fraction);

        double n = month.Requests;
        int cached = (int)(In * fraction); // 444 of 1200 prompt tokens, truncated as the sampler does
        Assert.Equal(444, cached);
        Assert.Equal(n * cached, month.CachedInputTokens);
        double expected = (n * (In - cached) * 2.5 + n * cached * 1.25 + n * Out * 10.0) / 1_000_000.0;
        Assert.Equal(CostModel.Cents(expected), month.Cost.ApiTokensUsd);
        // Caching saves exactly the price gap on the cached tokens.
        MonthlyOutcome uncachedMonth = RunMonth(api, 0);
        Assert.Equal(n, uncachedMonth.Requests); // common random numbers: same traffic
        Assert.Equal(n * cached * (2.5 - 1.25) / 1e6, uncachedMonth.Cost.ApiTokensUsd - month.Cost.ApiTokensUsd, 0.01 + 1e-9 * expected);
    }

    [Fact]
    public void AllBatchTrafficIsDiscounted()
    {
        ApiOptionSpec api = TestSpecs.Api(priceIn: 3.0, priceOut: 15.0, priceCached: 0.3, batchShare: 1.0, batchDiscount: 0.5);
        MonthlyOutcome month = RunMonth(api, 0.25);

        double n = month.Requests;
        int cached = (int)(In * 0.25);
        double full = (n * (In - cached) * 3.0 + n * cached * 0.3 + n * Out * 15.0) / 1_000_000.0;
        Assert.Equal(CostModel.Cents(0 + full * (1 - 0.5)), month.Cost.ApiTokensUsd);
        // Batch traffic has no latency measurements and counts as served.
        Assert.Equal(n, month.RequestsServed);
        Assert.True(double.IsNaN(month.TtftP95Ms));
    }

    [Fact]
    public void PartialBatchShareSplitsTheBillByTheRequestsSentEachWay()
    {
        ApiOptionSpec api = TestSpecs.Api(priceIn: 3.0, priceOut: 15.0, priceCached: 0.3, batchShare: 0.3, batchDiscount: 0.4);
        ScenarioSpec scenario = Scenario(api, 0.25);

        // Re-run the Projector's windows with its seeds, to see the batch split it saw.
        var merged = new WindowMetrics();
        foreach (SimulationWindow w in MonthWindowPlanner.Plan(scenario, 0).Where(w => w.Replicate == 0))
        {
            var sim = Projector.CreateSimulator(scenario, api, null);
            merged.Merge(sim.Run(w, Planner.Core.Randomness.SeedSequence.Derive(scenario.Seed, 0, (ulong)w.Index),
                Projector.ServiceSeed(scenario.Seed, 0, w.Index, api.Name)));
        }
        MonthlyOutcome month = new Projector().Run(scenario).Options[0].Months[0];
        Assert.Equal(CostModel.Cents(CostModel.ApiTokensUsd(api, merged)), month.Cost.ApiTokensUsd);

        double n = merged.RequestsArrived, nb = merged.BatchRequests, nr = n - nb;
        int cached = (int)(In * 0.25);
        double realtime = (nr * (In - cached) * 3.0 + nr * cached * 0.3 + nr * Out * 15.0) / 1_000_000.0;
        double batch = (nb * (In - cached) * 3.0 + nb * cached * 0.3 + nb * Out * 15.0) / 1_000_000.0;
        Assert.Equal(CostModel.Cents(realtime + batch * (1 - 0.4)), month.Cost.ApiTokensUsd);
        // The split itself is binomial per request; ~2,300 weekday draws give sd ≈ 0.0096 on the
        // weekday share, and the weighted month is no noisier than that, so 4 sd is ±0.04.
        Assert.InRange(nb / n, 0.3 - 0.04, 0.3 + 0.04);
    }

    private static ScenarioSpec Scenario(ApiOptionSpec api, double cachedFraction) => TestSpecs.Scenario(
        TestSpecs.Workload(In, Out, cachedFraction, requestsPerDay: 1000, hourlyWeights: TestSpecs.BusinessHours, weekendFactor: 0.5),
        [api],
        seed: 2024);

    private static MonthlyOutcome RunMonth(ApiOptionSpec api, double cachedFraction) =>
        new Projector().Run(Scenario(api, cachedFraction)).Options[0].Months[0];
}
