using Planner.Core.Decision;
using Planner.Core.Specs;
using Xunit;

namespace Planner.Core.Tests.Decision;

public class DecisionAnalysisTests
{
    private const int Horizon = 18;
    private const double GpuHourUsd = 2.5;
    private const double MigrationUsd = 20_000;

    /// <summary>An API and one always-on H100 replica: the replica's bill is exactly hours × price, whatever the traffic.</summary>
    private static ScenarioSpec Scenario() => TestSpecs.Scenario(
        TestSpecs.Workload(inputTokens: 100, outputTokens: 50, requestsPerDay: 200_000),
        [
            TestSpecs.Api(priceIn: 3, priceOut: 15),
            TestSpecs.SelfHosted(fixedReplicas: 1, pricePerGpuHour: GpuHourUsd) with
            {
                OneTimeCosts = [new OneTimeCostSpec { Name = "migration", AmountUsd = MigrationUsd, Month = 1 }],
            },
        ],
        horizonMonths: Horizon,
        slo: new SloSpec()) with { Finance = new FinanceSpec { DiscountRatePerYear = 0 } };

    private static ScenarioSpec WithSelfFixedCost(ScenarioSpec spec, double usd) =>
        TestVariants.WithOption<SelfHostedOptionSpec>(spec, "self", o => o with { FixedMonthlyCosts = [new FixedCostSpec { Name = "team", MonthlyUsd = usd }] });

    private static readonly UncertainInputSpec TeamCost =
        TestVariants.Input("options[self].fixed_costs[team].monthly_usd", TestVariants.Uniform(1000, 3000), InputEffect.Cost);

    private static double Hours(ScenarioSpec s, int monthIndex)
    {
        DateOnly m = s.StartMonth.AddMonths(monthIndex);
        return (m.AddMonths(1).DayNumber - m.DayNumber) * 24.0;
    }

    [Fact]
    public void Monte_carlo_percentiles_of_a_linear_cost_match_the_input_quantiles()
    {
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost));
        const int samples = 2000;
        MonteCarloResult mc = new DecisionAnalysis(variants, "api").RunMonteCarlo(samples, seed: 7);

        OptionUncertainty self = mc.Options.Single(o => o.Name == "self");
        for (int m = 0; m < Horizon; m++)
        {
            // COGS = hours × $2.5 + X with X ~ U(1000, 3000): its q-quantile is hours × 2.5 + 1000 + 2000 q.
            double gpu = Hours(variants.Base, m) * GpuHourUsd;
            // Standard error of a sample quantile of U(1000, 3000): 2000 √(q(1 − q)/n) ≈ 13 at q = 0.1, 22 at the median.
            Assert.Equal(gpu + 1200, self.MonthlyCogsUsd[m].P10, 60.0);
            Assert.Equal(gpu + 2000, self.MonthlyCogsUsd[m].P50, 100.0);
            Assert.Equal(gpu + 2800, self.MonthlyCogsUsd[m].P90, 60.0);
            Assert.Equal(gpu + 2000, self.MonthlyCogsUsd[m].Mean, 60.0);
        }
        // The API has no uncertain input: every sample costs the same.
        OptionUncertainty api = mc.Options.Single(o => o.Name == "api");
        Assert.All(api.MonthlyCogsUsd, b => Assert.Equal(b.P10, b.P90, 9));
    }

    [Fact]
    public void Probability_of_paying_off_by_each_month_matches_the_closed_form()
    {
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost));
        const int samples = 2000;
        MonteCarloResult mc = new DecisionAnalysis(variants, "api").RunMonteCarlo(samples, seed: 11);
        OptionUncertainty api = mc.Options.Single(o => o.Name == "api");
        OptionUncertainty self = mc.Options.Single(o => o.Name == "self");

        // Self-hosting has paid off by month M when M·X ≤ Σ(API − GPU) − migration, i.e. X ≤ x*(M); X ~ U(1000, 3000).
        double saved = 0;
        int checkedMonths = 0;
        for (int m = 1; m <= Horizon; m++)
        {
            saved += api.MonthlyCogsUsd[m - 1].P50 - Hours(variants.Base, m - 1) * GpuHourUsd;
            double threshold = (saved - MigrationUsd) / m;
            double expected = Math.Clamp((threshold - 1000) / 2000, 0, 1);
            double tolerance = 4 * Math.Sqrt(Math.Max(expected * (1 - expected), 1e-4) / samples) + 0.002;
            Assert.Equal(expected, self.PaidOffByMonth[m - 1], tolerance);
            checkedMonths += expected is > 0.05 and < 0.95 ? 1 : 0;
        }
        Assert.True(checkedMonths >= 3, "the case should cross from unlikely to likely within the horizon");
        Assert.Equal(1 - self.PaidOffByMonth[^1], self.ProbabilityNeverPaysOff, 12);
    }

    [Fact]
    public void Samples_are_deterministic_for_a_seed_and_differ_between_seeds()
    {
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost));
        var analysis = new DecisionAnalysis(variants, "api");
        Assert.Equal(analysis.SampleValues(3, 5, 10), analysis.SampleValues(3, 5, 10));
        Assert.NotEqual(analysis.SampleValues(3, 5, 10), analysis.SampleValues(4, 5, 10));
        Assert.Equal(analysis.SampleSet(3, 10)[5], analysis.SampleValues(3, 5, 10));
        MonteCarloResult a = analysis.RunMonteCarlo(50, 9, maxParallelism: 1);
        MonteCarloResult b = analysis.RunMonteCarlo(50, 9, maxParallelism: 2);
        Assert.Equal(a.Options.Select(o => o.NpvCostUsd), b.Options.Select(o => o.NpvCostUsd));
    }

    /// <summary>
    /// A Latin hypercube: each input's quantiles are cut into as many equally likely strata as there
    /// are samples, and each stratum is drawn once, in an order of its own for each input.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Every_stratum_of_every_input_is_drawn_once(int samples)
    {
        UncertainInputSpec second = TestVariants.Input("options[api].input_per_million_usd", TestVariants.Uniform(2, 4), InputEffect.Cost);
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost), (second, (spec, _) => spec));
        var analysis = new DecisionAnalysis(variants, "api");
        double[][] set = analysis.SampleSet(11, samples);

        Assert.Equal(samples, set.Length);
        (double Min, double Width)[] ranges = [(1000, 2000), (2, 2)];
        var strata = new int[ranges.Length][];
        for (int i = 0; i < ranges.Length; i++)
        {
            // Back from the value to its quantile (a uniform input is drawn over its whole range), then to the stratum it fell in.
            strata[i] = [.. set.Select(v => (int)Math.Floor((v[i] - ranges[i].Min) / ranges[i].Width * samples))];
            Assert.Equal(Enumerable.Range(0, samples), strata[i].Order());
        }
        if (samples > 1)
        {
            // The inputs are not drawn in step: their strata follow orders of their own.
            Assert.NotEqual(strata[0], strata[1]);
        }
        // The sample median of an input is within one stratum of its distribution's.
        double median = set.Select(v => v[0]).Order().ElementAt(samples / 2);
        Assert.Equal(2000, median, 2000.0 / samples + 1e-9);
    }

    [Theory]
    [InlineData(1000, 0.001, 1)]
    [InlineData(1000, 0.002, 2)]
    [InlineData(1000, 0.01, 10)]
    [InlineData(300, 1.0 / 3, 100)]
    public void A_discrete_outcome_is_drawn_in_proportion_to_its_weight_however_rare(int samples, double weight, int drawn)
    {
        // Draws were confined to the 0.1%–99.9% quantiles for every kind of input: a price shock of
        // weight 0.001 was never drawn in 1,000 samples, and three equal outcomes came 100, 101 and 99 times in 300.
        var shock = new DistributionSpec { Kind = DistributionKind.Discrete, Values = [0.4, 4.0], Weights = [1 - weight, weight] };
        UncertainInputSpec second = TestVariants.Input("options[api].input_per_million_usd", shock, InputEffect.Cost);
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost), (second, (spec, _) => spec));
        double[][] set = new DecisionAnalysis(variants, "api").SampleSet(11, samples);
        Assert.Equal(drawn, set.Count(v => v[1] == 4.0));

        var three = new DistributionSpec { Kind = DistributionKind.Discrete, Values = [1, 2, 3], Weights = [1, 1, 1] };
        double[][] thirds = new DecisionAnalysis(new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost),
            (TestVariants.Input("options[api].input_per_million_usd", three, InputEffect.Cost), (spec, _) => spec)), "api").SampleSet(5, 300);
        Assert.Equal([100, 100, 100], thirds.GroupBy(v => v[1]).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal("discrete{0.4: 0.999, 4: 0.001}", (shock with { Weights = [0.999, 0.001] }).Describe());
    }

    [Fact]
    public void Present_value_is_the_discounted_geometric_sum()
    {
        double q = Math.Pow(1.12, -1 / 12.0);
        double expected = 1000 * q * (1 - Math.Pow(q, 12)) / (1 - q);
        Assert.Equal(expected, DecisionAnalysis.PresentValue(Enumerable.Repeat(1000.0, 12).ToArray(), 0.12), 9);
        Assert.Equal(12_000, DecisionAnalysis.PresentValue(Enumerable.Repeat(1000.0, 12).ToArray(), 0), 9);
    }

    [Fact]
    public void Tornado_ranks_inputs_by_how_far_they_move_the_savings()
    {
        UncertainInputSpec apiPrice = TestVariants.Input("options[api].price_per_million_output_tokens_usd", TestVariants.Uniform(14, 16), InputEffect.Cost);
        UncertainInputSpec revenue = TestVariants.Input("revenue_per_request_usd", TestVariants.Uniform(0.001, 0.01), InputEffect.Cost);
        var variants = new TestVariants(Scenario(),
            (revenue, (s, v) => s with { RevenuePerRequestUsd = v }),
            (apiPrice, (s, v) => TestVariants.WithOption<ApiOptionSpec>(s, "api", o => o with { PricePerMillionOutputTokensUsd = v })),
            (TeamCost, WithSelfFixedCost));
        TornadoResult tornado = new DecisionAnalysis(variants, "api").Tornado("self");

        Assert.Equal(["options[self].fixed_costs[team].monthly_usd", "options[api].price_per_million_output_tokens_usd", "revenue_per_request_usd"],
            tornado.Bars.Select(b => b.Path));
        TornadoBar team = tornado.Bars[0];
        // 10th to 90th percentile of U(1000, 3000) is 1,600 a month, over the whole horizon.
        Assert.Equal(1600.0 * Horizon, team.SwingUsd, 6);
        Assert.True(team.SavingsAtHighUsd < team.SavingsAtLowUsd);
        Assert.True(tornado.Bars[1].SavingsAtHighUsd > tornado.Bars[1].SavingsAtLowUsd, "a dearer API makes self-hosting save more");
        Assert.Equal(0, tornado.Bars[2].SwingUsd, 9);
        Assert.True((team.BreakEvenAtHigh ?? Horizon + 1) >= (team.BreakEvenAtLow ?? Horizon + 1));
    }

    [Fact]
    public void Tornado_can_compare_the_pair_of_the_best_alternative_either_way_round()
    {
        var variants = new TestVariants(Scenario(), (TeamCost, WithSelfFixedCost));
        var analysis = new DecisionAnalysis(variants, "api");
        TornadoResult self = analysis.Tornado("self");
        // The baseline against the other option: the same swings, savings of the opposite sign.
        TornadoResult api = analysis.Analyse(0, 0, "api", tornadoAgainst: "self").Tornado!;
        Assert.Equal("api", api.Option);
        Assert.Equal("self", api.Baseline);
        Assert.Equal(-self.BaseSavingsUsd, api.BaseSavingsUsd, 6);
        TornadoBar a = Assert.Single(api.Bars), b = Assert.Single(self.Bars);
        Assert.Equal(-b.SavingsAtLowUsd, a.SavingsAtLowUsd, 6);
        Assert.Equal(-b.SavingsAtHighUsd, a.SavingsAtHighUsd, 6);
        Assert.Equal(b.SwingUsd, a.SwingUsd, 6);
    }
}
