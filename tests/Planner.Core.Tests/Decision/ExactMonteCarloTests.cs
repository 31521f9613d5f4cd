using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Xunit;

namespace Planner.Core.Tests.Decision;

public class ExactMonteCarloTests
{
    private const ulong Seed = 3;

    /// <summary>An API and an always-on replica over two months, a team cost (money only) and an answer length (the system itself) uncertain.</summary>
    private static TestVariants Variants()
    {
        ScenarioSpec template = TestSpecs.Scenario(
            TestSpecs.Workload(inputTokens: 300, outputTokens: 100, requestsPerDay: 20_000),
            [TestSpecs.Api(priceIn: 3, priceOut: 15), TestSpecs.SelfHosted(fixedReplicas: 1, pricePerGpuHour: 2.5)],
            horizonMonths: 2,
            slo: new SloSpec());
        var team = TestVariants.Input("options[self].fixed_costs[team].monthly_usd", TestVariants.Uniform(1000, 3000), InputEffect.Cost);
        var output = TestVariants.Input("workload.classes[chat].output_tokens", TestVariants.Uniform(60, 160), InputEffect.Physics);
        return new TestVariants(template,
            (team, (s, v) => TestVariants.WithOption<SelfHostedOptionSpec>(s, "self", o => o with { FixedMonthlyCosts = [new FixedCostSpec { Name = "team", MonthlyUsd = v }] })),
            (output, (s, v) => s with
            {
                Workload = s.Workload with { Classes = [s.Workload.Classes[0] with { OutputTokens = new FixedTokens((int)Math.Round(v)) }] },
            }));
    }

    [Fact]
    public void Every_band_comes_from_full_simulations_of_the_samples_and_the_surrogate_is_checked_on_all_of_them()
    {
        TestVariants variants = Variants();
        var analysis = new DecisionAnalysis(variants, "api");
        var simulator = new RecordingSimulator();

        (MonteCarloResult mc, _) = analysis.AnalyseExact(3, Seed, decision: null, simulator, seedChecks: 1);

        // The simulator got the three samples, then sample 0 again with the check's seed.
        Assert.Equal([0, 1, 2, 0], simulator.Asked.Select(s => s.Index));
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(analysis.SampleValues(Seed, s, 3), simulator.Asked[s].Values);
            Assert.Equal(variants.Base.Seed, simulator.Asked[s].Scenario.Seed);
        }
        // A seed of the sample's own, so that several checks' seed differences are independent.
        Assert.Equal(SeedSequence.Derive(variants.Base.Seed, 0x5EED, 0), simulator.Asked[3].Scenario.Seed);

        // Every band is the band of the full projections, to the bit.
        ProjectionResult[] full = [.. Enumerable.Range(0, 3).Select(s => new Projector().Run(variants.Create(analysis.SampleValues(Seed, s, 3))))];
        Assert.True(mc.FullySimulated);
        for (int o = 0; o < 2; o++)
        {
            Assert.Equal(Band.Of([.. full.Select(f => f.Options[o].TotalCostUsd)]), mc.Options[o].TotalCostUsd);
            for (int m = 0; m < 2; m++)
            {
                Assert.Equal(Band.Of([.. full.Select(f => f.Options[o].Months[m].Cost.CogsUsd)]), mc.Options[o].MonthlyCogsUsd[m]);
            }
        }

        // The surrogate's error on every sample and option; the seed noise only where a sample ran twice.
        Assert.Equal(6, mc.Checks.Count);
        foreach (SurrogateCheck c in mc.Checks)
        {
            int o = c.Option == "api" ? 0 : 1;
            Assert.Equal(full[c.Sample].Options[o].TotalCostUsd, c.SimulatedTotalCostUsd);
            Assert.True(double.IsFinite(c.TotalCostError) && double.IsFinite(c.MaxMonthlyCogsError));
            Assert.Equal(c.Sample == 0, double.IsFinite(c.SeedTotalCostError));
            Assert.Equal(c.Sample == 0, double.IsFinite(c.SeedMaxMonthlyCogsError));
        }
        // The team cost enters the surrogate exactly; the answer length is a correction, which is close here but not exact.
        Assert.All(mc.Checks, c => Assert.True(Math.Abs(c.TotalCostError) < 0.05, $"sample {c.Sample} {c.Option}: {c.TotalCostError:P2}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_another()
    {
        var analysis = new DecisionAnalysis(Variants(), "api");
        MonteCarloResult a = analysis.AnalyseExact(2, Seed, null, new LocalSampleSimulator(maxParallelism: 1)).MonteCarlo;
        MonteCarloResult b = analysis.AnalyseExact(2, Seed, null, new LocalSampleSimulator(maxParallelism: 2)).MonteCarlo;
        MonteCarloResult c = analysis.AnalyseExact(2, Seed + 1, null, new LocalSampleSimulator()).MonteCarlo;

        Assert.Equal(a.Options.Select(o => o.TotalCostUsd), b.Options.Select(o => o.TotalCostUsd));
        Assert.Equal(a.Checks, b.Checks);
        Assert.NotEqual(a.Options[1].TotalCostUsd, c.Options[1].TotalCostUsd);
    }

    [Fact]
    public void More_reseeded_samples_than_samples_is_refused()
    {
        var analysis = new DecisionAnalysis(Variants(), "api");
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.AnalyseExact(2, Seed, null, new LocalSampleSimulator(), seedChecks: 3));
    }

    /// <summary>Simulates locally and remembers what it was asked.</summary>
    private sealed class RecordingSimulator : ISampleSimulator
    {
        public List<MonteCarloSample> Asked { get; } = [];

        public IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress)
        {
            Asked.AddRange(samples);
            return new LocalSampleSimulator().SimulateAll(samples, progress);
        }
    }
}
