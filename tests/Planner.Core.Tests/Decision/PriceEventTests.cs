using Planner.Core.Costs;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Xunit;

namespace Planner.Core.Tests.Decision;

public class PriceEventTests
{
    private static readonly PriceEventSpec ApiCut = new() { Name = "cut", Target = PriceEventTarget.ApiPrices, Month = 12, Change = -0.5, Options = ["api"] };
    private static readonly PriceEventSpec GpuTrend = new() { Name = "trend", Target = PriceEventTarget.GpuPrices, Month = 1, ChangePerYear = -0.15 };

    [Fact]
    public void Step_changes_apply_from_their_month_to_the_named_options_only()
    {
        Assert.Equal(1, PriceTimeline.ApiPriceFactor([ApiCut], "api", 11));
        Assert.Equal(0.5, PriceTimeline.ApiPriceFactor([ApiCut], "api", 12));
        Assert.Equal(0.5, PriceTimeline.ApiPriceFactor([ApiCut], "api", 36));
        Assert.Equal(1, PriceTimeline.ApiPriceFactor([ApiCut], "other-api", 36));
        Assert.Equal(1, PriceTimeline.GpuPriceFactor([ApiCut], "api", 36));
    }

    [Fact]
    public void Yearly_trends_compound_monthly_from_their_start()
    {
        Assert.Equal(1, PriceTimeline.GpuPriceFactor([GpuTrend], "self", 1), 12);
        Assert.Equal(0.85, PriceTimeline.GpuPriceFactor([GpuTrend], "self", 13), 12);
        Assert.Equal(Math.Pow(0.85, 0.5), PriceTimeline.GpuPriceFactor([GpuTrend], "self", 7), 12);
        Assert.Equal(0.85 * 0.85, PriceTimeline.GpuPriceFactor([GpuTrend], "any", 25), 12);
    }

    [Fact]
    public void Api_price_events_scale_the_token_bill_of_their_month()
    {
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(), [TestSpecs.Api()], horizonMonths: 12) with { PriceEvents = [ApiCut] };
        var stats = new MonthStats();
        stats[Stat.ApiInputTokens] = 1e6;
        stats[Stat.ApiOutputTokens] = 1e6;
        Assert.Equal(18, Projector.Outcome(scenario, scenario.Options[0], 10, stats).Cost.ApiTokensUsd, 9);
        Assert.Equal(9, Projector.Outcome(scenario, scenario.Options[0], 11, stats).Cost.ApiTokensUsd, 9);
    }

    [Fact]
    public void A_reservation_bills_its_gpus_all_month_and_the_replica_time_above_it_on_demand()
    {
        // Two always-on one-GPU replicas, one GPU reserved at $1.5 from month 2 for 3 months; on demand is $2.5.
        ScenarioSpec scenario = ReservationScenario();
        ProjectionResult run = new Projector().Run(scenario);
        IReadOnlyList<MonthlyOutcome> months = run.Options[0].Months;
        for (int m = 0; m < 6; m++)
        {
            DateOnly month = scenario.StartMonth.AddMonths(m);
            double hours = (month.AddMonths(1).DayNumber - month.DayNumber) * 24.0;
            double gpu = months[m].Cost.GpuServingUsd + months[m].Cost.GpuIdleUsd + months[m].Cost.GpuColdStartUsd;
            double expected = m is >= 1 and <= 3 ? hours * (1.5 + 2.5) : hours * 2 * 2.5;
            // Three lines of the bill, each in whole cents.
            Assert.Equal(expected, gpu, 0.015);
        }
    }

    [Fact]
    public void A_reservation_keeps_its_contract_price_while_market_prices_fall()
    {
        // As above, with GPU rental prices falling 15% a year from month 1: the on-demand replica
        // follows the market, the reserved GPU stays at the $1.5 it was committed at.
        ScenarioSpec scenario = ReservationScenario(GpuTrend);
        IReadOnlyList<MonthlyOutcome> months = new Projector().Run(scenario).Options[0].Months;
        for (int m = 0; m < 6; m++)
        {
            DateOnly month = scenario.StartMonth.AddMonths(m);
            double hours = (month.AddMonths(1).DayNumber - month.DayNumber) * 24.0;
            double market = 2.5 * PriceTimeline.GpuPriceFactor([GpuTrend], "self", m + 1);
            double gpu = months[m].Cost.GpuServingUsd + months[m].Cost.GpuIdleUsd + months[m].Cost.GpuColdStartUsd;
            double expected = m is >= 1 and <= 3 ? hours * (1.5 + market) : hours * 2 * market;
            // Three lines of the bill, each in whole cents.
            Assert.Equal(expected, gpu, 0.015);
        }
    }

    [Fact]
    public void A_reservation_that_a_falling_market_undercuts_is_named_with_its_months()
    {
        // $1.5 reserved against $2.5 on demand falling 50% a year from month 1: 2.5 · 0.5^((m − 1)/12)
        // is under 1.5 from month 10 ($1.4865). A term of months 2–4 ends before that: no warning.
        // A 24-month term over a 12-month horizon is undercut in months 10–12, down to $1.3243.
        PriceEventSpec steep = GpuTrend with { ChangePerYear = -0.5 };
        Assert.Empty(PriceTimeline.ReservationWarnings(ReservationScenario(steep)));

        ScenarioSpec longer = ReservationScenario(steep) with { HorizonMonths = 12 };
        longer = longer with
        {
            PriceEvents = [.. longer.PriceEvents.Select(e => e.Reservation is { } r ? e with { Reservation = r with { TermMonths = 24 } } : e)],
        };
        string warning = Assert.Single(PriceTimeline.ReservationWarnings(longer));
        Assert.Equal("self's reservation of 1 GPU at $1.50 per GPU-hour costs more than its own price in 3 months of its term, from month 10 (2025-10), "
            + "when the scenario's GPU price events bring that price down to $1.3243: the commitment bills those GPUs above what they would cost without it, whether used or not.", warning);
    }

    /// <summary>Two always-on one-GPU replicas at $2.5 on demand, one GPU reserved at $1.5 from month 2 for 3 months, and <paramref name="more"/> events.</summary>
    private static ScenarioSpec ReservationScenario(params PriceEventSpec[] more)
    {
        var reservation = new PriceEventSpec
        {
            Name = "reserve", Target = PriceEventTarget.ReservedCommitment, Month = 2, Options = ["self"],
            Reservation = new ReservedCommitmentSpec { Gpus = 1, PricePerGpuHourUsd = 1.5, TermMonths = 3 },
        };
        return TestSpecs.Scenario(TestSpecs.Workload(requestsPerDay: 10_000), [TestSpecs.SelfHosted(fixedReplicas: 2, pricePerGpuHour: 2.5)],
            horizonMonths: 6, settings: new SimulationSettings { WarmUpSeconds = 0 }) with { PriceEvents = [reservation, .. more] };
    }
}
