using Planner.Core.Projection;
using Planner.Core.Specs;
using Xunit.Abstractions;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// Relations that must hold between runs whatever the figures are: more load never costs less or
/// serves better (beyond the noise measured with a second seed), a cheaper GPU never costs more,
/// and an option's figures do not depend on which other options are compared with it.
/// </summary>
public sealed class MetamorphicTests(ITestOutputHelper output)
{
    private static SelfHostedOptionSpec Autoscaled(double price = 0.8) => TestSpecs.SelfHosted(
        autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 500, TargetValue = 8, ColdStartSeconds = 240 },
        gpu: TestSpecs.L4, pricePerGpuHour: price,
        engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 }) with { Name = "l4-autoscaled" };

    private static SelfHostedOptionSpec Fixed(double price = 0.8) => TestSpecs.SelfHosted(fixedReplicas: 4, gpu: TestSpecs.L4, pricePerGpuHour: price,
        engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 }) with { Name = "l4-fixed" };

    private static ScenarioSpec Scenario(double requestsPerDay, IReadOnlyList<OptionSpec> options, ulong seed = 42) =>
        TestSpecs.Scenario(TestSpecs.Workload(inputTokens: 900, outputTokens: 220, requestsPerDay: requestsPerDay, hourlyWeights: TestSpecs.BusinessHours),
            options, seed: seed) with { Simulation = new SimulationSettings { NoiseCheckMonths = 0 } };

    [Fact]
    public void MoreLoadNeverCostsLessAndNeverServesBetter()
    {
        double[] volumes = [50_000, 100_000, 200_000, 400_000, 1_000_000];
        OptionSpec[] options = [TestSpecs.Api(), Autoscaled(), Fixed()];
        // Each volume with two seeds: their difference is the noise a comparison must allow for.
        var runs = volumes.Select(v => new[] { 1ul, 2ul }.Select(seed => new Projector().Run(Scenario(v, options, seed))).ToArray()).ToArray();
        for (int o = 0; o < options.Length; o++)
        {
            double Cost(int i, int s) => runs[i][s].Options[o].Months[0].Cost.CogsUsd;
            double Attainment(int i, int s) => runs[i][s].Options[o].Months[0].SloAttainment;
            for (int i = 1; i < volumes.Length; i++)
            {
                double costNoise = Math.Max(Math.Abs(Cost(i, 0) - Cost(i, 1)), Math.Abs(Cost(i - 1, 0) - Cost(i - 1, 1)));
                double attainmentNoise = Math.Max(Math.Abs(Attainment(i, 0) - Attainment(i, 1)), Math.Abs(Attainment(i - 1, 0) - Attainment(i - 1, 1)));
                double lower = (Cost(i - 1, 0) + Cost(i - 1, 1)) / 2, higher = (Cost(i, 0) + Cost(i, 1)) / 2;
                double before = (Attainment(i - 1, 0) + Attainment(i - 1, 1)) / 2, after = (Attainment(i, 0) + Attainment(i, 1)) / 2;
                output.WriteLine($"{options[o].Name} {volumes[i - 1]:N0} → {volumes[i]:N0}/day: cost {lower:F0} → {higher:F0} (noise {costNoise:F0}), SLO {before:P2} → {after:P2} (noise {attainmentNoise:P2})");
                // A fixed fleet's cost is the same sum of billed seconds in a different order of events: equal within rounding.
                Assert.True(higher >= lower - 2 * costNoise - 1e-9 * lower, $"{options[o].Name}: {volumes[i]:N0}/day costs {higher:R}, less than {lower:R} at {volumes[i - 1]:N0}/day");
                Assert.True(after <= before + 2 * attainmentNoise + 1e-3,
                    $"{options[o].Name}: {volumes[i]:N0}/day meets the SLO for {after:P2}, more than {before:P2} at {volumes[i - 1]:N0}/day");
            }
        }
    }

    [Fact]
    public void ACheaperGpuNeverCostsMore()
    {
        ProjectionResult list = new Projector().Run(Scenario(150_000, [TestSpecs.Api(), Autoscaled(0.8), Fixed(0.8)]));
        ProjectionResult cheaper = new Projector().Run(Scenario(150_000, [TestSpecs.Api(), Autoscaled(0.6), Fixed(0.6)]));
        // The API's figures do not move; the fleets' do not grow, and their GPU bills shrink in proportion.
        Assert.Equal(list.Options[0].Months[0].Cost, cheaper.Options[0].Months[0].Cost);
        for (int o = 1; o < 3; o++)
        {
            MonthlyOutcome a = list.Options[o].Months[0], b = cheaper.Options[o].Months[0];
            Assert.True(b.Cost.CogsUsd < a.Cost.CogsUsd);
            // In proportion to the cent: each bill's lines are in whole cents.
            Assert.Equal(a.Cost.GpuUsd * 0.6 / 0.8, b.Cost.GpuUsd, 0.05);
            Assert.Equal(a.MeanReplicas, b.MeanReplicas);
        }
    }

    [Fact]
    public void AddingAnOptionChangesNoOtherOptionsFigures()
    {
        ProjectionResult two = new Projector().Run(Scenario(150_000, [TestSpecs.Api(), Autoscaled()]));
        ProjectionResult three = new Projector().Run(Scenario(150_000, [Fixed(), Autoscaled(), TestSpecs.Api()]));
        foreach (string name in new[] { "api", "l4-autoscaled" })
        {
            OptionProjection a = two.Options.Single(o => o.Name == name), b = three.Options.Single(o => o.Name == name);
            Assert.Equal(a.Months.Select(m => m with { Replicates = [] }), b.Months.Select(m => m with { Replicates = [] }));
            Assert.Equal(a.Timeline, b.Timeline);
        }
    }
}
