using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// The seed-to-seed noise a run reports, and what <c>days_per_month</c> does to it: a month's
/// figure that is the mean of d independent days has 1/√d of one day's noise.
/// </summary>
public sealed class NoiseMeasureTests
{
    // A small, bursty load on a fleet of 1-3 replicas: one simulated day per month is noisy.
    private static ScenarioSpec Scenario(int daysPerMonth) => TestSpecs.Scenario(
        TestSpecs.Workload(
            requestsPerDay: 3000,
            hourlyWeights: TestSpecs.BusinessHours,
            weekendFactor: 0.3,
            arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2 }),
        [
            TestSpecs.Api(),
            TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 0, MaxReplicas = 3, TargetValue = 2, ColdStartSeconds = 120 }),
        ],
        horizonMonths: 12,
        seed: 11,
        settings: new SimulationSettings { NoiseCheckMonths = 12, DaysPerMonth = daysPerMonth });

    [Fact]
    public void FourDaysPerMonthHalveTheSpreadOfAMonthsCost()
    {
        // Twelve noise-check months each: the root-mean-square spread of the fleet's monthly cost
        // with 4 days a month against 1. Expected ratio 1/√4 = 0.5; with 12 months per estimate
        // the ratio's sampling error is about ±0.15, so it is held under 0.75 (and above 0.25).
        double Rms(ProjectionResult r) => Math.Sqrt(r.Options[1].Months.Average(m =>
        {
            double a = m.Replicates[0].SimulatedCostUsd, b = m.Replicates[1].SimulatedCostUsd;
            double s = (a - b) / ((a + b) / 2);
            return s * s;
        }));
        ProjectionResult one = new Projector().Run(Scenario(1));
        ProjectionResult four = new Projector().Run(Scenario(4));
        Assert.All(one.Options[1].Months, m => Assert.Equal(2, m.Replicates.Count));
        double ratio = Rms(four) / Rms(one);
        Assert.True(Rms(one) > 0.01, $"one day a month is expected to be noisy here: {Rms(one):P2}");
        Assert.InRange(ratio, 0.25, 0.75);
        // The mean month does not move beyond the noise: more days estimate the same thing.
        double totalOne = one.Options[1].Months.Sum(m => m.Cost.CogsUsd), totalFour = four.Options[1].Months.Sum(m => m.Cost.CogsUsd);
        Assert.InRange(totalFour / totalOne - 1, -2 * Rms(one) / Math.Sqrt(12), 2 * Rms(one) / Math.Sqrt(12));
    }

    [Fact]
    public void TheTotalsStandardDeviationEstimatedFromFiveMonthsMatchesTheSpreadOfTotalsOverEightSeeds()
    {
        // What a run says of its own total (from five noise-check months, the default) against what
        // rerunning it with other seeds shows. Eight seeds estimate the real s.d. within about ±30%, and
        // five pairs the estimate within about ±30%, so the two must agree within a factor of 2: an
        // estimate that forgot the √2 between a pair and one run would be 1.4× off, and one that added
        // the months' deviations instead of their variances √12 ≈ 3.5× off.
        ScenarioSpec scenario = Scenario(1) with { Simulation = new SimulationSettings { NoiseCheckMonths = 5 } };
        var totals = new List<double>();
        var estimates = new List<double>();
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            OptionProjection fleet = new Projector().Run(scenario with { Seed = seed }).Options[1];
            totals.Add(fleet.Months.Sum(m => m.Cost.CogsUsd - m.Cost.FixedUsd));
            estimates.Add(NoiseMeasure.Of(fleet)!.TotalCostSdUsd!.Value);
        }
        double mean = totals.Average();
        double observed = Math.Sqrt(totals.Sum(t => (t - mean) * (t - mean)) / (totals.Count - 1));
        double estimated = estimates.Order().Skip(3).Take(2).Average();
        Assert.True(observed > 0);
        Assert.InRange(estimated / observed, 0.5, 2);
    }

    [Fact]
    public void ARunWarnsWhereTheMedianCostSpreadIsOverTwoPercentAndNamesTheDaysThatWouldFixIt()
    {
        ProjectionResult run = new Projector().Run(Scenario(1));
        foreach (OptionProjection o in run.Options)
        {
            NoiseMeasure noise = NoiseMeasure.Of(o)!;
            Assert.Equal(12, noise.CheckedMonths.Count);
            bool warned = run.Warnings.Any(w => w.StartsWith(o.Name + ": the simulation's own seed-to-seed noise", StringComparison.Ordinal));
            Assert.Equal(noise.MedianCostSpread > NoiseMeasure.CostTarget, warned);
            if (warned)
            {
                int days = (int)Math.Ceiling(Math.Pow(noise.MedianCostSpread!.Value / NoiseMeasure.CostTarget, 2) - 1e-9);
                Assert.Contains($"days_per_month: {Math.Min(days, 16)}}}", run.Warnings.First(w => w.StartsWith(o.Name + ":", StringComparison.Ordinal)), StringComparison.Ordinal);
            }
        }
        Assert.Contains(run.Warnings, w => w.Contains("seed-to-seed noise", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPercentileTheSloJudgesHasItsLargestSpreadFromTheTwoSeedsOfEachCheckedMonth()
    {
        OptionProjection api = new Projector().Run(Scenario(1)).Options[0];
        NoiseMeasure noise = NoiseMeasure.Of(api)!;
        double Largest(Func<ReplicateOutcome, double> latency) => api.Months.Max(m =>
        {
            double a = latency(m.Replicates[0]), b = latency(m.Replicates[1]);
            return Math.Abs(a - b) / ((a + b) / 2);
        });
        // Each replicate carries its month's own percentiles: the first is the month as reported.
        Assert.All(api.Months, m =>
        {
            Assert.Equal(m.TpotP95Ms, m.Replicates[0].TpotP95Ms);
            Assert.Equal(m.E2eP99Ms, m.Replicates[0].E2eP99Ms);
        });
        Assert.Equal(Largest(r => r.TtftP95Ms), noise.MaxTtftP95Spread!.Value, 12);
        Assert.Equal(Largest(r => r.TpotP95Ms), noise.MaxTpotP95Spread!.Value, 12);
        Assert.Equal(Largest(r => r.E2eP99Ms), noise.MaxE2eP99Spread!.Value, 12);
        // The API's latencies are drawn per request, so its percentiles move between seeds (the small
        // fleet's sit in one histogram bucket in every month, cold-start waits and all).
        Assert.True(noise.MaxE2eP99Spread > 0, "the API's drawn latencies are expected to move p99 end-to-end between seeds");
    }

    [Fact]
    public void TheDaysOfAMonthMeasureTheSameNoiseAsASecondSeedAndAverageToTheMonth()
    {
        // Four independent days a month and every month checked with a second seed: the month's
        // own days and the pairs estimate one σ. Each estimate's sampling error is about ±12% (36
        // degrees of freedom) and ±20% (12 pairs), so they must agree within a factor of 1.8; a
        // day estimate that forgot the 1/d of a mean of d days would be 2× off.
        ProjectionResult run = new Projector().Run(Scenario(4));
        OptionProjection fleet = run.Options[1];
        double dayVariance = 0, pairVariance = 0;
        int dayDof = 0, pairs = 0;
        foreach (MonthlyOutcome m in fleet.Months)
        {
            Assert.Equal(4, m.DayCostsUsd.Count);
            // The month's cost is the mean of what its days measured (no reservation bends the price).
            // To the cent: the month and each day are billed in whole cents.
            Assert.Equal(m.Replicates[0].SimulatedCostUsd, m.DayCostsUsd.Average(), 0.05);
            double mean = m.DayCostsUsd.Average();
            if (m.DayCostsUsd.Max() - m.DayCostsUsd.Min() >= 0.005)
            {
                dayVariance += m.DayCostsUsd.Sum(c => (c - mean) / mean * ((c - mean) / mean)) / 4;
                dayDof += 3;
            }
            double a = m.Replicates[0].SimulatedCostUsd, b = m.Replicates[1].SimulatedCostUsd;
            if (Math.Abs(a - b) >= 0.005)
            {
                pairVariance += (a - b) / ((a + b) / 2) * ((a - b) / ((a + b) / 2)) / 2;
                pairs++;
            }
        }
        Assert.True(dayDof >= 24 && pairs >= 8, $"{dayDof} degrees of freedom from days and {pairs} moving pairs");
        double fromDays = Math.Sqrt(dayVariance / dayDof), fromPairs = Math.Sqrt(pairVariance / pairs);
        Assert.InRange(fromDays / fromPairs, 1 / 1.8, 1.8);
        NoiseMeasure noise = NoiseMeasure.Of(fleet)!;
        Assert.Equal(dayDof, noise.DayDegreesOfFreedom);
        Assert.Equal(pairs + dayDof, noise.DegreesOfFreedom);
        Assert.Equal(Math.Sqrt((dayVariance + pairVariance) / (dayDof + pairs)), noise.MonthlyCostSd!.Value, 12);
        // One day a month measures nothing within it.
        OptionProjection single = new Projector().Run(Scenario(1)).Options[1];
        Assert.All(single.Months, m => Assert.Empty(m.DayCostsUsd));
        Assert.Equal(0, NoiseMeasure.Of(single)!.DayDegreesOfFreedom);
    }

    [Fact]
    public void AMonthOverTwiceItsTargetWithBothSeedsIsLeftOutOfTheLatencySpreads()
    {
        // A 3,000 ms p95 TTFT target. Month 1: 2,900 and 3,100 ms (6.7% apart). Month 2 is saturated:
        // 133,628 and 18,449 ms, both over 6,000 ms, 151.5% apart, which says nothing of month 1.
        // Month 3: 5,000 and 7,000 ms, one seed under twice the target, 33.3% apart: it stays.
        MonthlyOutcome Month(int i, double a, double b) =>
            SampleMonths.At(i) with { Cost = new Costs.CostBreakdown { GpuServingUsd = 1000 }, Replicates = [new ReplicateOutcome(1000, a), new ReplicateOutcome(1000, b)] };
        var option = new OptionProjection
        {
            Option = TestSpecs.SelfHosted(),
            PerformanceSource = "test",
            Months = [Month(0, 2900, 3100), Month(1, 133_628, 18_449)],
        };
        var slo = new SloSpec { TtftP95Ms = 3000 };

        Assert.Equal((133_628 - 18_449) / ((133_628 + 18_449) / 2.0), NoiseMeasure.Of(option)!.MaxTtftP95Spread!.Value, 12);
        Assert.Equal(200 / 3000.0, NoiseMeasure.Of(option, slo)!.MaxTtftP95Spread!.Value, 12);
        Assert.Equal(2000 / 6000.0, NoiseMeasure.Of(option with { Months = [.. option.Months, Month(2, 5000, 7000)] }, slo)!.MaxTtftP95Spread!.Value, 12);
        // An API's latency over its target is the provider's, not a queue's: every month counts.
        OptionProjection api = option with { Option = TestSpecs.Api() };
        Assert.Equal((133_628 - 18_449) / ((133_628 + 18_449) / 2.0), NoiseMeasure.Of(api, slo)!.MaxTtftP95Spread!.Value, 12);
    }

    [Fact]
    public void DaysJoinThePairsInSigmaByHandAndNarrowItsConfidenceBound()
    {
        // Month 1: a pair 2% apart (1.01 and 0.99 of $1,000). Month 2: days $990, $1,000, $1,010
        // (mean $1,000, relative deviations ±1%). Month 3: days alike (pinned, no degree of freedom).
        // σ² = (0.02² / 2 + (0.01² + 0 + 0.01²) / 3) / (1 + 2) = (0.0002 + 0.0000667) / 3.
        MonthlyOutcome Month(int i, IReadOnlyList<ReplicateOutcome> replicates, IReadOnlyList<double> days) =>
            SampleMonths.At(i) with { Cost = new Costs.CostBreakdown { GpuServingUsd = 1000 }, Replicates = replicates, DayCostsUsd = days };
        var option = new OptionProjection
        {
            Option = TestSpecs.SelfHosted(),
            PerformanceSource = "test",
            Months =
            [
                Month(0, [new ReplicateOutcome(1010, 200), new ReplicateOutcome(990, 200)], []),
                Month(1, [], [990, 1000, 1010]),
                Month(2, [], [1000, 1000, 1000]),
            ],
        };
        NoiseMeasure noise = NoiseMeasure.Of(option)!;
        Assert.Equal(1, noise.MovingMonths);
        Assert.Equal(2, noise.DayDegreesOfFreedom);
        Assert.Equal(3, noise.DegreesOfFreedom);
        Assert.Equal(Math.Sqrt((0.0002 + 0.0002 / 3) / 3), noise.MonthlyCostSd!.Value, 12);
        // The pair's spread alone is what the median and largest spread report.
        Assert.Equal(0.02, noise.MedianCostSpread!.Value, 12);
        // Three degrees of freedom bound σ more tightly than the one pair would.
        Assert.True(NoiseMeasure.UpperBoundFactor(3) < NoiseMeasure.UpperBoundFactor(1));
        Assert.Equal(Math.Sqrt(53 / MathNet.Numerics.Distributions.ChiSquared.InvCDF(53, 0.1)), NoiseMeasure.UpperBoundFactor(53), 12);
        Assert.InRange(NoiseMeasure.UpperBoundFactor(53), 1.14, 1.16);
    }

    [Fact]
    public void WithNoMonthSimulatedTwiceTheDaysAloneMeasureSigmaByHandAndOneDayAMonthMeasuresNothing()
    {
        // noise_check_months: 0. Month 1: days $990, $1,000, $1,010 (±1% about their mean); month 2:
        // days $1,960, $2,000, $2,040 (±2%); month 3: days alike. σ² = (0.0002 / 3 + 0.0008 / 3) / (2 + 2).
        MonthlyOutcome Month(int i, double serving, IReadOnlyList<double> days) =>
            SampleMonths.At(i) with { Cost = new Costs.CostBreakdown { GpuServingUsd = serving }, Replicates = [], DayCostsUsd = days };
        OptionProjection Option(params MonthlyOutcome[] months) => new() { Option = TestSpecs.SelfHosted(), PerformanceSource = "test", Months = months };

        NoiseMeasure noise = NoiseMeasure.Of(Option(Month(0, 1000, [990, 1000, 1010]), Month(1, 2000, [1960, 2000, 2040]), Month(2, 1000, [1000, 1000, 1000])))!;
        double sigma = Math.Sqrt((0.0002 / 3 + 0.0008 / 3) / 4);
        Assert.Equal(sigma, noise.MonthlyCostSd!.Value, 12);
        Assert.Equal(sigma * Math.Sqrt(1000.0 * 1000 + 2000.0 * 2000 + 1000.0 * 1000), noise.TotalCostSdUsd!.Value, 6);
        Assert.Empty(noise.CheckedMonths);
        Assert.Equal(0, noise.MovingMonths);
        Assert.Equal(4, noise.DegreesOfFreedom);
        // No pair: no spread of cost or latency between seeds, and no follow-up month to simulate.
        Assert.Null(noise.MedianCostSpread);
        Assert.Null(noise.MaxTtftP95Spread);

        // Days that never moved measure a σ of zero; one day a month measures nothing.
        Assert.Equal(0, NoiseMeasure.Of(Option(Month(0, 1000, [1000, 1000]), Month(1, 1000, [1000, 1000])))!.MonthlyCostSd);
        Assert.Null(NoiseMeasure.Of(Option(Month(0, 1000, [1000]), Month(1, 1000, []))));
    }

    [Fact]
    public void MonthsOfUnlikeNoiseAreWorthFewerDegreesOfFreedomAndWidenTheBound()
    {
        // Ten months of three days each, nine of them pinned by a schedule within 0.01% (±$0.10 on
        // $1,000) and one stepping between sizes (±5%): 20 degrees of freedom, but the one month
        // carries almost all of σ², so the estimate is worth about its own 2. By hand (Satterthwaite):
        // Qₖ = Σ ((cᵢ − c̄) / c̄)² / 3, (Σ Qₖ)² / Σ (Qₖ² / 2).
        MonthlyOutcome Month(int i, IReadOnlyList<double> days) =>
            SampleMonths.At(i) with { Cost = new Costs.CostBreakdown { GpuServingUsd = 1000 }, Replicates = [], DayCostsUsd = days };
        OptionProjection Option(IEnumerable<MonthlyOutcome> months) => new() { Option = TestSpecs.SelfHosted(), PerformanceSource = "test", Months = [.. months] };
        double quiet = 2 * 0.0001 * 0.0001 / 3, loud = 2 * 0.05 * 0.05 / 3;
        NoiseMeasure unlike = NoiseMeasure.Of(Option(Enumerable.Range(0, 10).Select(i => Month(i, i == 9 ? [950, 1000, 1050] : [999.9, 1000, 1000.1]))))!;
        Assert.Equal(20, unlike.DegreesOfFreedom);
        double sum = 9 * quiet + loud;
        Assert.Equal(sum * sum / ((9 * quiet * quiet + loud * loud) / 2), unlike.EffectiveDegreesOfFreedom, 9);
        Assert.InRange(unlike.EffectiveDegreesOfFreedom, 2, 2.001);
        // Alike, the ten months are worth their 20.
        NoiseMeasure alike = NoiseMeasure.Of(Option(Enumerable.Range(0, 10).Select(i => Month(i, [950, 1000, 1050]))))!;
        Assert.Equal(20, alike.EffectiveDegreesOfFreedom, 9);
        // The bound a tie is judged at widens with it: 1.27 × σ at 20 degrees of freedom, 3.08 × σ at 2.
        Assert.InRange(NoiseMeasure.UpperBoundFactor(unlike.EffectiveDegreesOfFreedom) / NoiseMeasure.UpperBoundFactor(20), 2.2, 3.5);
        double sigmaUnlike = unlike.TotalCostSdUsd!.Value;
        Assert.Equal(2 * Math.Sqrt(2) * sigmaUnlike * NoiseMeasure.UpperBoundFactor(unlike.EffectiveDegreesOfFreedom),
            NoiseMeasure.DifferenceNoiseUsd(Option(Enumerable.Range(0, 10).Select(i => Month(i, i == 9 ? [950, 1000, 1050] : [999.9, 1000, 1000.1]))),
                Option(Enumerable.Range(0, 10).Select(i => Month(i, i == 9 ? [950, 1000, 1050] : [999.9, 1000, 1000.1]))))!.Value, 6);
        // The pairs of checked months count as one part of their number's degrees of freedom.
        MonthlyOutcome Pair(int i, double a, double b) =>
            SampleMonths.At(i) with { Cost = new Costs.CostBreakdown { GpuServingUsd = 1000 }, Replicates = [new ReplicateOutcome(a, 200), new ReplicateOutcome(b, 200)] };
        NoiseMeasure pairs = NoiseMeasure.Of(Option([Pair(0, 1010, 990), Pair(1, 1001, 999), Pair(2, 1030, 970)]))!;
        Assert.Equal(3, pairs.EffectiveDegreesOfFreedom, 9);
    }
}
