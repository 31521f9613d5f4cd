using Planner.Core.Costs;
using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A month's GPU bill is one invoice line, the GPU-hours at their price in whole cents, whatever
/// the load split it into serving, idle, cold-start and stranded time.
/// </summary>
public sealed class BillInCentsTests
{
    [Fact]
    public void SplitPartsAddUpToTheirTotalInCents()
    {
        // 1,488 GPU-hours at $0.8048 = $1,197.5424: rounded one by one, the parts made $1,197.55.
        double[] parts = CostModel.SplitCents(36.0869, 1161.4555, 0, 0);
        Assert.Equal([36.09, 1161.45, 0, 0], parts);
        Assert.Equal(1197.54, parts.Sum(), 9);
        // The leftover cents go to the largest remainders, the earlier part on a tie.
        Assert.Equal([0.01, 0, 0.01], CostModel.SplitCents(0.006, 0.003, 0.006));
        Assert.Equal([0.02, 0.01, 0], CostModel.SplitCents(0.015, 0.005, 0.005));
        // Parts already in cents stay as they are, floating-point error and all.
        Assert.Equal([0.29, 0.57, 1.1], CostModel.SplitCents(0.29, 0.57, 1.1));
        Assert.Equal([0.0, 0.0], CostModel.SplitCents(0, 0));
        Assert.Equal([double.PositiveInfinity, 0.01], CostModel.SplitCents(double.PositiveInfinity, 0.006));
        // A hair below zero (a difference's floating-point residue) is zero, and the rest still adds up.
        Assert.Equal([36.09, 1161.45, 0, 0], CostModel.SplitCents(36.0869, 1161.4555, -1e-9, 0));
    }

    [Fact]
    public void SplitPartsAddUpForAnyAmounts()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 10_000; trial++)
        {
            double[] parts = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-3, 7)), random.Next(0, 7))).ToArray();
            double[] cents = CostModel.SplitCents(parts);
            Assert.Equal(CostModel.Cents(parts.Sum()), CostModel.Cents(cents.Sum()));
            for (int i = 0; i < parts.Length; i++)
            {
                // Each part moves by less than a cent, and lands on a whole cent.
                Assert.InRange(cents[i] - parts[i], -0.01, 0.01);
                Assert.Equal(CostModel.Cents(cents[i]), cents[i]);
            }
        }
    }

    [Fact]
    public void AFixedFleetsGpuBillIsItsGpuHoursAtItsPriceAtAnyLoad()
    {
        // Two L4s all month at $0.8048 an hour: 2 × 744 h = 1,488 GPU-hours, $1,197.5424 → $1,197.54,
        // at a tenth of the load, at ten times it (where the pair never idles) and between. Rounded
        // line by line, 3,000 a day made $170.98 serving and $1,026.57 idle: $1,197.55.
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(fixedReplicas: 2, gpu: TestSpecs.L4, pricePerGpuHour: 0.8048,
            engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 }) with { Name = "l4-pair" };
        foreach (double requestsPerDay in new[] { 2_500, 3_000, 25_000, 250_000 })
        {
            ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(inputTokens: 900, outputTokens: 220, requestsPerDay: requestsPerDay),
                [fleet], settings: new SimulationSettings { NoiseCheckMonths = 0 });
            MonthlyOutcome month = new Projector().Run(scenario).Options[0].Months[0];
            Assert.Equal(1488, month.GpuHours, 9);
            Assert.Equal(1197.54, month.Cost.GpuUsd, 9);
            Assert.True(month.Cost.GpuServingUsd > 0, $"{requestsPerDay}/day: serving {month.Cost.GpuServingUsd}, idle {month.Cost.GpuIdleUsd}");
        }
    }
}
