using Planner.Core.Decision;
using Planner.Core.Specs;
using Xunit;

namespace Planner.Core.Tests.Decision;

public class SurrogateAccuracyTests
{
    /// <summary>An API and an autoscaled L4 fleet (1 to 200 replicas) on business-hours traffic of 800/200 tokens.</summary>
    private static ScenarioSpec ApiAndL4Fleet(double requestsPerDay, int horizonMonths) => TestSpecs.Scenario(
        TestSpecs.Workload(inputTokens: 800, outputTokens: 200, requestsPerDay: requestsPerDay, hourlyWeights: TestSpecs.BusinessHours),
        [TestSpecs.Api(), TestSpecs.SelfHosted(
            autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 200, TargetValue = 8, ColdStartSeconds = 120 }, gpu: TestSpecs.L4, pricePerGpuHour: 0.8,
            engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 })],
        horizonMonths: horizonMonths, slo: new SloSpec { TtftP95Ms = 2000 });

    [Fact]
    public void Surrogate_costs_stay_close_to_a_full_simulation_of_the_same_samples()
    {
        // An autoscaled L4 fleet (about 10 to 40 replicas) whose traffic grows at an uncertain rate and whose
        // answers have an uncertain length. A fleet of a few replicas answers in steps (its night-time
        // fleet goes from 1 to 2 replicas as answers lengthen, and the autoscaler's tolerance holds
        // it there), which the surrogate's straight lines between simulated points cannot follow:
        // there its error is larger, and --check-surrogate measures it on the scenario itself.
        ScenarioSpec template = ApiAndL4Fleet(requestsPerDay: 600_000, horizonMonths: 4);
        var growth = TestVariants.Input("workload.volume.growth.monthly_rate", new DistributionSpec { Kind = DistributionKind.Triangular, Min = 0.1, Mode = 0.3, Max = 0.5 }, InputEffect.Load);
        var output = TestVariants.Input("workload.classes[chat].output_tokens", TestVariants.Uniform(120, 300), InputEffect.Physics);
        var variants = new TestVariants(template,
            (growth, (s, v) => s with { Workload = s.Workload with { Volume = s.Workload.Volume with { MonthlyGrowthRates = [v] } } }),
            (output, (s, v) => s with
            {
                Workload = s.Workload with { Classes = [s.Workload.Classes[0] with { OutputTokens = new FixedTokens((int)Math.Round(v)) }] },
            }));

        IReadOnlyList<SurrogateCheck> checks = new DecisionAnalysis(variants, "api").CheckAgainstSimulation(3, seed: 5);

        Assert.Equal(6, checks.Count);
        // A small autoscaled fleet is noisy month to month even in full simulation (another seed moves
        // a month's bill by several percent), so the surrogate is held to that yardstick. Its
        // straight lines between simulated volumes and answer lengths miss a fleet's bends by up
        // to 8% in a month here (fleet cost grows faster than answer length near the median), so a
        // month is allowed 10%; over the horizon the errors average out to under 4%.
        foreach (SurrogateCheck c in checks)
        {
            Assert.True(Math.Abs(c.TotalCostError) < Math.Max(0.04, 2 * Math.Abs(c.SeedTotalCostError)),
                $"sample {c.Sample} {c.Option}: total cost off by {c.TotalCostError:P1} (seed noise {c.SeedTotalCostError:P1})");
            Assert.True(c.MaxMonthlyCogsError < Math.Max(0.10, 2 * c.SeedMaxMonthlyCogsError),
                $"sample {c.Sample} {c.Option}: a month off by {c.MaxMonthlyCogsError:P1} (seed noise {c.SeedMaxMonthlyCogsError:P1})");
        }
    }

    [Fact]
    public void The_surrogate_checked_is_the_one_whose_figures_the_monte_carlo_reports()
    {
        // The Monte Carlo's surfaces span the volumes of all its samples; surfaces rebuilt for the
        // first few samples alone span fewer and give other values. The check must measure the
        // first: the --exact run reports the Monte Carlo's own surrogate beside every sample.
        ScenarioSpec template = ApiAndL4Fleet(requestsPerDay: 60_000, horizonMonths: 2);
        var growth = TestVariants.Input("workload.volume.growth.monthly_rate", new DistributionSpec { Kind = DistributionKind.Triangular, Min = 0.1, Mode = 0.5, Max = 1.5 }, InputEffect.Load);
        var variants = new TestVariants(template,
            (growth, (s, v) => s with { Workload = s.Workload with { Volume = s.Workload.Volume with { MonthlyGrowthRates = [v] } } }));

        IReadOnlyList<SurrogateCheck> published = new DecisionAnalysis(variants, "api").AnalyseExact(6, 5, null, new LocalSampleSimulator()).MonteCarlo.Checks;
        var analysis = new DecisionAnalysis(variants, "api");
        analysis.Analyse(6, 5, (string?)null);
        IReadOnlyList<SurrogateCheck> checks = analysis.CheckAgainstSimulation(2, seed: 5);

        Assert.Equal(4, checks.Count);
        foreach (SurrogateCheck c in checks)
        {
            SurrogateCheck same = published.Single(p => p.Sample == c.Sample && p.Option == c.Option);
            Assert.Equal(same.SurrogateTotalCostUsd, c.SurrogateTotalCostUsd, 6);
        }
    }
}
