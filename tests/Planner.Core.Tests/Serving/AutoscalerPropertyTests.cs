using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Xunit.Abstractions;

namespace Planner.Core.Tests.Serving;

/// <summary>
/// The autoscaler follows the load, at a tenth of, at, and at thirty times a chat product's volume
/// (the largest simulated as slices of the fleet), with two seeds: more replicas at the busiest
/// hour than the quietest, no more cold starts than the day's ramp needs (with room for noise),
/// never held at its maximum while the queue is empty and the load does not need it, and every
/// request served, rejected or still in flight.
/// </summary>
public sealed class AutoscalerPropertyTests(ITestOutputHelper output)
{
    private static ScenarioSpec Scenario(double requestsPerDay, int maxReplicas, ulong seed)
    {
        var autoscaler = new AutoscalerSpec
        {
            MinReplicas = 1, MaxReplicas = maxReplicas, TargetValue = 8, ColdStartSeconds = 240,
        };
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(autoscaler: autoscaler, gpu: TestSpecs.L4, pricePerGpuHour: 0.8,
            engine: new ServingEngineSpec { WeightPrecision = Precision.Fp8, KvCachePrecision = Precision.Fp8 });
        return TestSpecs.Scenario(
            TestSpecs.Workload(inputTokens: 900, outputTokens: 220, requestsPerDay: requestsPerDay, hourlyWeights: TestSpecs.ConsumerEvening),
            [fleet], horizonMonths: 1, seed: seed) with
        {
            Simulation = new SimulationSettings { NoiseCheckMonths = 0 },
        };
    }

    [Theory]
    [InlineData(30_000, 1ul)]
    [InlineData(300_000, 1ul)]
    [InlineData(300_000, 2ul)]
    [InlineData(10_000_000, 1ul)]
    public void TheFleetFollowsTheLoad(double requestsPerDay, ulong seed)
    {
        ScenarioSpec scenario = Scenario(requestsPerDay, maxReplicas: 1000, seed);
        OptionProjection o = new Projector().Run(scenario).Options[0];
        MonthlyOutcome month = o.Months[0];
        IReadOnlyList<DayTimelinePoint> day = o.Timeline;
        output.WriteLine($"{requestsPerDay:N0}/day: plan {month.Fidelity}, mean {month.MeanReplicas:F2}, peak {month.PeakReplicas}, cold starts {month.ColdStarts:N0}");
        output.WriteLine(string.Join(" ", day.Select(p => $"{p.Hour}:{p.RequestsPerSecond:F1}/{p.MeanReplicas:F1}")));

        // More replicas at the busiest hour than at the quietest (within one replica).
        DayTimelinePoint busiest = day.MaxBy(p => p.RequestsPerSecond)!, quietest = day.MinBy(p => p.RequestsPerSecond)!;
        Assert.True(busiest.MeanReplicas >= quietest.MeanReplicas - 1,
            $"{busiest.MeanReplicas:F1} replicas at the busiest hour ({busiest.Hour}:00) against {quietest.MeanReplicas:F1} at the quietest ({quietest.Hour}:00)");
        // The fleet grows and shrinks with the traffic: where it moves at all (a small one sits at
        // its minimum), its hourly replicas correlate with the hour's rate.
        if (day.Max(p => p.MeanReplicas) - day.Min(p => p.MeanReplicas) >= 2)
        {
            Assert.True(Correlation(day.Select(p => p.RequestsPerSecond), day.Select(p => p.MeanReplicas)) > 0.8);
        }

        // Cold starts: the scale-ups the day's ramp needs, estimated from the load alone (the
        // whole-replica climb of the estimated fleet, hour by hour), times the days, with room for
        // noise: twice that, and ten a day.
        FleetEstimate estimate = FleetEstimate.For(scenario.Options[0], null, FleetEstimate.SampleOf(scenario))!;
        double needed = 0;
        for (int h = 0; h < 24; h++)
        {
            double now = Math.Ceiling(estimate.ReplicasAt(day[h].RequestsPerSecond));
            double next = Math.Ceiling(estimate.ReplicasAt(day[(h + 1) % 24].RequestsPerSecond));
            needed += Math.Max(0, next - now);
        }
        int days = 31;
        Assert.True(month.ColdStarts <= days * (2 * needed + 10),
            $"{month.ColdStarts:N0} cold starts in a month where the ramp needs about {needed:N0} a day");

        // Conservation: every request served, rejected, or still in flight at a window's end (those
        // of the last seconds of the day, which a compressed last hour counts many times over).
        Assert.InRange(month.Requests - month.RequestsServed - month.RequestsRejected, 0, 3e-3 * month.Requests);
    }

    [Fact]
    public void AFleetAtItsMaximumComesDownWhenTheLoadDoes()
    {
        // The evening needs more than 12 replicas; the night needs a few. At its maximum in the
        // evening, the fleet must come down overnight: no hour with an empty queue and a load the
        // estimate says needs fewer than the maximum may hold the maximum.
        ScenarioSpec scenario = Scenario(600_000, maxReplicas: 12, seed: 3);
        OptionProjection o = new Projector().Run(scenario).Options[0];
        FleetEstimate estimate = FleetEstimate.For(scenario.Options[0], null, FleetEstimate.SampleOf(scenario))!;
        Assert.Equal(12, o.Months[0].PeakReplicas);
        foreach (DayTimelinePoint p in o.Timeline)
        {
            if (p.MeanQueuedRequests < 1 && estimate.ReplicasAt(p.RequestsPerSecond) < 0.8 * 12)
            {
                Assert.True(p.MeanReplicas < 12 - 0.5, $"{p.MeanReplicas:F1} replicas at {p.Hour}:00 with {p.MeanQueuedRequests:F1} queued and {p.RequestsPerSecond:F1} req/s");
            }
        }
    }

    private static double Correlation(IEnumerable<double> xs, IEnumerable<double> ys)
    {
        double[] x = [.. xs], y = [.. ys];
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
