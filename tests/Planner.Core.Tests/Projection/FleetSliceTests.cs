using Planner.Core.Costs;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Xunit.Abstractions;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A slice of a large fleet stands for the whole: 1/k of an autoscaled fleet of about 150
/// Llama 3.1 8B replicas on L4s, with 1/k of the traffic (bursty, gamma cv 1.5), over a
/// four-hour ramp up and down, costs and serves as the whole fleet does, within the noise
/// measured between seeds.
/// </summary>
public sealed class FleetSliceTests(ITestOutputHelper output)
{
    private static readonly SelfHostedOptionSpec Fleet = TestSpecs.SelfHosted(
        autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 2000, TargetValue = 8, ColdStartSeconds = 240 },
        gpu: TestSpecs.L4, pricePerGpuHour: 0.8,
        engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 });

    private static readonly ScenarioSpec Scenario = TestSpecs.Scenario(
        TestSpecs.Workload(inputTokens: 900, outputTokens: 220, requestsPerDay: 1, arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 1.5 }),
        [Fleet]);

    /// <summary>Half an hour of warm-up at 60 req/s, then 60 → 120 → 60 req/s over four hours.</summary>
    private static readonly SimulationWindow Ramp = new()
    {
        Label = "ramp",
        Index = 0,
        Segments =
        [
            new LoadSegment(1800, 60, 0, 0),
            new LoadSegment(7200, 60, 1, 1) { EndRequestsPerSecond = 120 },
            new LoadSegment(7200, 120, 1, 3) { EndRequestsPerSecond = 60 },
        ],
    };

    [Theory]
    [InlineData(80, 60_000, 1)]
    [InlineData(80, 20_000, 1)]
    [InlineData(2000, 60_000, 1)]
    [InlineData(37, 30_000, 1)]
    [InlineData(2000, 60_000, 8)]
    [InlineData(4000, 20_000, 8)]
    [InlineData(3000, 20_000, 8)]
    [InlineData(2003, 60_000, 8)]
    public void ASlicesMaxReplicasIsTheFleetsExactly(int maxReplicas, int budget, int gpusPerInstance)
    {
        // The slice holds max/k whole replicas: at its cap it stands for the fleet at its max_replicas,
        // not a replica past it (the chat scenario at 10× its traffic peaked at 81 against 80); on
        // 8-GPU instances, max/k whole instances, or its last would be billed whole for a part. Where
        // max_replicas fills its last instance in part, the slice at its cap is billed the fleet's
        // instances exactly, with no more replicas than the fleet may run (a consumer fleet capped at
        // 300 replicas on 38 8-GPU instances was billed 38.49 instances at its cap).
        SelfHostedOptionSpec fleet = Fleet with
        {
            Autoscaler = Fleet.Autoscaler! with { MaxReplicas = maxReplicas },
            Pricing = Fleet.Pricing with { GpusPerInstance = gpusPerInstance },
        };
        ScenarioSpec scenario = Scenario with { Options = [fleet], Simulation = new SimulationSettings { MaxRequestsPerDay = budget } };
        FleetEstimate estimate = FleetEstimate.For(fleet, null, FleetEstimate.SampleOf(scenario))!;
        // On 8-replica instances a slice keeps 50 instances on average: ten times the ramp's traffic.
        double scale = gpusPerInstance == 1 ? 1 : 10;
        SimulationWindow day = Ramp with { Segments = [.. Ramp.Segments.Select(x => x with { RequestsPerSecond = x.RequestsPerSecond * scale, EndRequestsPerSecond = x.EndRequestsPerSecond * scale })] };
        FidelityPlan plan = FidelityPlanner.Plan(scenario, fleet, day, estimate);
        Assert.True(plan.SliceFactor > 1, $"slice {plan.SliceFactor}");
        SelfHostedOptionSpec slice = (SelfHostedOptionSpec)FidelityPlanner.Slice(fleet, plan.SliceFactor);
        var packing = new InstancePacking(1, gpusPerInstance);
        int sliceMax = slice.Autoscaler!.MaxReplicas;
        Assert.Equal(packing.UnitsFor(maxReplicas), packing.UnitsFor(sliceMax) * plan.SliceFactor, 9);
        if (maxReplicas % gpusPerInstance == 0)
        {
            Assert.Equal(maxReplicas, sliceMax * plan.SliceFactor, 9);
            Assert.Equal(0, sliceMax % gpusPerInstance);
        }
        else
        {
            Assert.InRange(sliceMax * plan.SliceFactor, maxReplicas - plan.SliceFactor, maxReplicas + 1e-9);
        }
    }

    [Theory]
    [InlineData(3000, 8)]
    [InlineData(3003, 8)]
    [InlineData(300, 1)]
    public void AFixedFleetsSliceIsBilledItsInstancesExactly(int replicas, int gpusPerInstance)
    {
        SelfHostedOptionSpec fleet = Fleet with
        {
            Autoscaler = null,
            FixedReplicas = replicas,
            Pricing = Fleet.Pricing with { GpusPerInstance = gpusPerInstance },
        };
        ScenarioSpec scenario = Scenario with { Options = [fleet], Simulation = new SimulationSettings { MaxRequestsPerDay = 20_000 } };
        FleetEstimate estimate = FleetEstimate.For(fleet, null, FleetEstimate.SampleOf(scenario))!;
        SimulationWindow day = Ramp with { Segments = [.. Ramp.Segments.Select(x => x with { RequestsPerSecond = x.RequestsPerSecond * 10, EndRequestsPerSecond = x.EndRequestsPerSecond * 10 })] };
        FidelityPlan plan = FidelityPlanner.Plan(scenario, fleet, day, estimate);
        Assert.True(plan.SliceFactor > 1, $"slice {plan.SliceFactor}");
        int sliceReplicas = ((SelfHostedOptionSpec)FidelityPlanner.Slice(fleet, plan.SliceFactor)).FixedReplicas!.Value;
        var packing = new InstancePacking(1, gpusPerInstance);
        Assert.Equal(packing.UnitsFor(replicas), packing.UnitsFor(sliceReplicas) * plan.SliceFactor, 9);
        Assert.InRange(sliceReplicas * plan.SliceFactor, replicas - plan.SliceFactor, replicas + 1e-9);
    }

    [Fact]
    public void ASliceCostsAndServesAsTheWholeFleetDoes()
    {
        FleetEstimate estimate = FleetEstimate.For(Fleet, null, FleetEstimate.SampleOf(Scenario))!;
        var whole = Enumerable.Range(0, 3).Select(s => Run(new FidelityPlan(1, 1, false), estimate, (ulong)s)).ToList();
        var sliced = Enumerable.Range(0, 3).Select(s => Run(new FidelityPlan(3, 1, false), estimate, (ulong)s + 100)).ToList();

        (double wholeCost, double wholeSe) = MeanAndError(whole.Select(m => m.Cost));
        (double slicedCost, double slicedSe) = MeanAndError(sliced.Select(m => m.Cost));
        (double wholeTtft, _) = MeanAndError(whole.Select(m => m.TtftP95));
        (double slicedTtft, _) = MeanAndError(sliced.Select(m => m.TtftP95));
        output.WriteLine("p95 TTFT per seed: whole " + string.Join(", ", whole.Select(m => m.TtftP95.ToString("F3"))) + "; slice " + string.Join(", ", sliced.Select(m => m.TtftP95.ToString("F3"))));
        output.WriteLine($"whole fleet: {wholeCost:F2} ± {wholeSe:F2} USD, mean {whole.Average(m => m.Replicas):F1} replicas, p95 TTFT {wholeTtft:F3} s");
        output.WriteLine($"1/3 slice:   {slicedCost:F2} ± {slicedSe:F2} USD, mean {sliced.Average(m => m.Replicas):F1} replicas, p95 TTFT {slicedTtft:F3} s");

        Assert.InRange(whole.Average(m => m.Replicas), 100, 300);
        double tolerance = Math.Max(0.01 * wholeCost, 3 * Math.Sqrt(wholeSe * wholeSe + slicedSe * slicedSe));
        Assert.True(Math.Abs(slicedCost - wholeCost) <= tolerance, $"slice {slicedCost:F2} against whole {wholeCost:F2} USD (tolerance {tolerance:F2})");
        // The router decides between two replicas whatever the fleet's size, so a slice routes as the whole does.
        Assert.True(Math.Abs(slicedTtft - wholeTtft) <= 0.03 * wholeTtft, $"p95 TTFT: slice {slicedTtft:F3} s against whole {wholeTtft:F3} s");
    }

    private static (double Cost, double TtftP95, double Replicas) Run(FidelityPlan plan, FleetEstimate estimate, ulong seed)
    {
        (SimulationWindow window, OptionSpec option) = FidelityPlanner.Apply(Ramp, Fleet, plan, estimate);
        var sim = Projector.CreateSimulator(Scenario, option, null);
        WindowMetrics m = sim.Run(window, SeedSequence.Derive(seed, 1), SeedSequence.Derive(seed, 2));
        return (CostModel.GpuUsd(Fleet, m, 730).TotalUsd, m.TimeToFirstToken.Quantile(0.95), m.ReplicaSeconds / m.CoveredSeconds);
    }

    private static (double Mean, double StandardError) MeanAndError(IEnumerable<double> values)
    {
        double[] v = [.. values];
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length));
    }
}
