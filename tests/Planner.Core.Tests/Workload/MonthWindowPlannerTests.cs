using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Xunit.Abstractions;

namespace Planner.Core.Tests.Workload;

/// <summary>
/// The representative windows stand for the month: exactly in their arithmetic (covered time,
/// expected volume), and statistically in what they cost, against a continuous simulation of
/// every hour of the calendar month.
/// </summary>
public sealed class MonthWindowPlannerTests(ITestOutputHelper output)
{
    private static readonly SelfHostedOptionSpec Autoscaled = TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec
    {
        MinReplicas = 0,
        MaxReplicas = 3,
        TargetValue = 4,
        ColdStartSeconds = 60,
    });

    private static ScenarioSpec Scenario(int maxRequestsPerDay) => TestSpecs.Scenario(
        TestSpecs.Workload(500, 200, requestsPerDay: 2000, hourlyWeights: TestSpecs.BusinessHours, weekendFactor: 0.5),
        [TestSpecs.Api(), Autoscaled],
        settings: new SimulationSettings { MaxRequestsPerDay = maxRequestsPerDay });

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void WindowsCoverTheMonthAndItsExpectedVolumeExactly(int monthIndex)
    {
        ScenarioSpec scenario = Scenario(60_000) with { StartMonth = new DateOnly(2024, 1, 1) };
        var windows = MonthWindowPlanner.Plan(scenario, monthIndex).Where(w => w.Replicate == 0).ToList();
        DateOnly month = scenario.StartMonth.AddMonths(monthIndex);
        int days = month.AddMonths(1).DayNumber - month.DayNumber; // 31 (January), 29 (February 2024)
        (int weekdays, int weekend) = MonthWindowPlanner.CountDays(month);
        Assert.Equal(days, weekdays + weekend);

        double covered = windows.Sum(w => w.Segments.Sum(s => s.DurationSeconds * s.Weight));
        double expectedRequests = windows.Sum(w => w.Segments.Sum(s => s.ExpectedRequests * s.Weight));
        // 2,000/day is the weekly average: 5 weekdays at v and 2 weekend days at v/2 make 7 × 2000.
        double weekday = 7 * 2000 / 6.0;
        Assert.Equal(days * 86400.0, covered, 1e-6 * covered);
        Assert.Equal(weekdays * weekday + weekend * weekday / 2, expectedRequests, 1e-9 * expectedRequests);
        Assert.Equal(expectedRequests, MonthWindowPlanner.MonthRequests(scenario, monthIndex), 1e-9 * expectedRequests);
        SimulationWindow whole = MonthWindowPlanner.WholeMonth(scenario, monthIndex);
        Assert.Equal(covered, whole.Segments.Sum(s => s.DurationSeconds * s.Weight), 1e-6 * covered);
        // The whole month's ramps also join a weekday's midnight to a weekend day's, which moves a
        // few requests across the boundary: 0.61 of 63,000 in January 2024.
        Assert.Equal(expectedRequests, whole.Segments.Sum(s => s.ExpectedRequests * s.Weight), 1e-4 * expectedRequests);

        foreach (SimulationWindow w in windows)
        {
            Assert.Equal(0, w.Segments[0].Weight); // warm-up first, discarded
            bool isWeekday = w.Label == "weekday";
            double dayVolume = isWeekday ? weekday : weekday / 2;
            var measured = w.Segments.Where(s => s.Weight > 0).ToList();
            // Hours in order, in real time: two half-hour ramps each, joined where they meet, the
            // rate at each hour's middle being that hour's weight; the day's total is kept.
            Assert.Equal(48, measured.Count);
            Assert.Equal(Enumerable.Range(0, 24).SelectMany(h => new[] { h, h }), measured.Select(s => s.HourOfDay));
            Assert.All(measured, s => Assert.Equal(1800, s.DurationSeconds));
            for (int i = 1; i < measured.Count; i++)
            {
                Assert.Equal(measured[i - 1].EndRate, measured[i].RequestsPerSecond, 1e-12);
            }
            for (int h = 0; h < 24; h++)
            {
                Assert.Equal(dayVolume * TestSpecs.BusinessHours[h] / 86400, measured[2 * h].EndRate, 1e-12);
            }
            Assert.Equal(dayVolume, measured.Sum(s => s.ExpectedRequests), 1e-9 * dayVolume);
        }
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(4.0, 1.0)]
    [InlineData(1.0, 3.0)]
    [InlineData(2.5, 2.0)]
    public void FidelityPlansKeepTheTimeAndTrafficTheyStandFor(double slice, double compression)
    {
        ScenarioSpec scenario = Scenario(60_000);
        SimulationWindow day = MonthWindowPlanner.Plan(scenario, 0)[0];
        (SimulationWindow w, OptionSpec option) = FidelityPlanner.Apply(day, Autoscaled, new FidelityPlan(slice, compression, false), null);
        static double Covered(SimulationWindow x) => x.Segments.Sum(s => s.DurationSeconds * s.Weight);
        static double Requests(SimulationWindow x) => x.Segments.Sum(s => s.ExpectedRequests * s.Weight);
        // Real time and real traffic are kept: a 1/k slice counts k times, a c-fold compressed hour c times.
        Assert.Equal(Covered(day) * slice, Covered(w), 1e-6 * Covered(day));
        Assert.Equal(Requests(day), Requests(w), 1e-9 * Requests(day));
        Assert.Equal(1 / slice, w.TrafficShare, 12);
        // Simulated: 1/c of each hour, 1/k of the traffic.
        double measured = day.Segments.Where(s => s.Weight > 0).Sum(s => s.DurationSeconds);
        Assert.Equal(measured / compression, w.Segments.Where(s => s.Weight > 0).Sum(s => s.DurationSeconds), 1e-9 * measured);
        // Cold starts count once per real event: a slice's k times, a compressed day's once.
        Assert.All(w.Segments.Where(s => s.Weight > 0), s => Assert.Equal(day.Segments[1].Weight * slice, s.EventWeightOrTime, 9));
        var fleet = Assert.IsType<SelfHostedOptionSpec>(option);
        Assert.Equal(Math.Max(1, (int)Math.Round(3 / slice)), fleet.Autoscaler!.MaxReplicas);
    }

    [Theory]
    [InlineData(VolumeBasis.AverageDay, 0.15, 594_339.6)]   // 21 × 7·20000/5.3 + 10 × 0.15 × that
    [InlineData(VolumeBasis.Weekday, 0.15, 450_000)]        // 21 × 20000 + 10 × 3000
    [InlineData(VolumeBasis.AverageDay, 1.0, 620_000)]      // 31 × 20000
    [InlineData(VolumeBasis.Weekday, 1.0, 620_000)]
    public void AMonthCarriesItsWeekdaysAndWeekendDaysAtTheirVolumes(VolumeBasis basis, double weekendFactor, double expected)
    {
        // January 2027: 21 weekdays, 10 weekend days; 20,000 requests a day in the sense of the basis.
        ScenarioSpec scenario = Scenario(60_000) with { StartMonth = new DateOnly(2027, 1, 1) };
        scenario = scenario with
        {
            Workload = scenario.Workload with
            {
                WeekendFactor = weekendFactor,
                Volume = new VolumeSpec { RequestsPerDayMonth1 = 20_000, MonthlyGrowthRates = [0], Basis = basis },
            },
        };
        Assert.Equal((21, 10), MonthWindowPlanner.CountDays(scenario.StartMonth));
        Assert.Equal(expected, MonthWindowPlanner.MonthRequests(scenario, 0), 1);
        // And what the windows carry, which the simulation draws from.
        double windows = MonthWindowPlanner.Plan(scenario, 0).Where(w => w.Replicate == 0).Sum(w => w.Segments.Sum(x => x.ExpectedRequests * x.Weight));
        Assert.Equal(expected, windows, 1);
    }

    [Fact]
    public void NoiseCheckMonthsAreSpreadOverTheHorizon()
    {
        ScenarioSpec scenario = Scenario(60_000) with { HorizonMonths = 36 };
        int[] months = [.. Enumerable.Range(0, 36).Where(m => MonthWindowPlanner.IsNoiseCheckMonth(scenario, m))];
        Assert.Equal([0, 9, 18, 26, 35], months);
        Assert.Equal(4, MonthWindowPlanner.Plan(scenario, 9).Count);
        Assert.Equal(2, MonthWindowPlanner.Plan(scenario, 10).Count);
        Assert.Equal([0, 1, 2, 3], MonthWindowPlanner.Plan(scenario, 9).Select(w => w.Index));
        Assert.Equal([0, 0, 1, 1], MonthWindowPlanner.Plan(scenario, 9).Select(w => w.Replicate));
    }

    [Fact]
    public void SeveralDaysPerMonthShareTheMonthsWeightAndEachHaveTheirOwnSeed()
    {
        // 3 days of each type: month 10 (no noise check) is 6 windows, each weekday standing for a
        // third of the month's weekdays; month 9 (a noise check) is 12, the second 6 replicate 1.
        ScenarioSpec scenario = Scenario(60_000) with { HorizonMonths = 36, Simulation = new SimulationSettings { DaysPerMonth = 3 } };
        (int weekdays, int weekend) = MonthWindowPlanner.CountDays(scenario.StartMonth.AddMonths(10));
        IReadOnlyList<SimulationWindow> month = MonthWindowPlanner.Plan(scenario, 10);
        Assert.Equal(6, month.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], month.Select(w => w.Index));
        Assert.All(month, w => Assert.Equal(0, w.Replicate));
        foreach (SimulationWindow w in month)
        {
            double days = w.Label == "weekday" ? weekdays / 3.0 : weekend / 3.0;
            Assert.All(w.Segments.Where(s => s.Weight > 0), s => Assert.Equal(days, s.Weight, 12));
        }
        // The requests the month stands for are the same as with one day of each type.
        ScenarioSpec one = scenario with { Simulation = new SimulationSettings() };
        static double Stood(IEnumerable<SimulationWindow> ws) => ws.Sum(w => w.Segments.Where(s => s.Weight > 0).Sum(s => s.Weight * s.DurationSeconds * s.MeanRate));
        Assert.Equal(Stood(MonthWindowPlanner.Plan(one, 10)), Stood(month), 6);
        IReadOnlyList<SimulationWindow> check = MonthWindowPlanner.Plan(scenario, 9);
        Assert.Equal(12, check.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], check.Select(w => w.Replicate));
        Assert.Equal(Enumerable.Range(0, 12), check.Select(w => w.Index));
    }

    /// <summary>
    /// Monthly cost from the representative windows (merged as the Projector merges them, each
    /// option's day simulated as its fidelity plan says) against the whole calendar month
    /// simulated hour by hour, for an API option and an autoscaled, scale-to-zero fleet whose
    /// cold starts follow the daily shape: in real time (budget 60,000) and with the day
    /// compressed (budget 500 requests a day): the quiet hours stay in real time, the flat busy
    /// hours are compressed to the 1,200 s floor (3-fold), and the hours at the steep 9:00 and 18:00
    /// steps less: 9:00-10:00, whose smoothed rate (weight 2.2) is 1.8/1.3 above the hour before
    /// (0.4), against 30 + 15 + 60 s of response, 0.1 × 3600 / (105 × 1.385) = 2.48-fold.
    /// One plan run is a noisy estimate, because one weekday stands for 23, so the plan is
    /// averaged over enough seeds that its standard error is ≤ 0.5% (asserted on the measured
    /// spread, so the test cannot pass by being noisy) and the whole month over 3 seeds: the 2%
    /// tolerance is then about 3 standard errors of the difference.
    /// </summary>
    [Theory]
    [InlineData(60_000, 30)]
    [InlineData(500, 150)]
    public void RepresentativeWindowsReproduceTheWholeMonthsCost(int budget, int planSeeds)
    {
        ScenarioSpec scenario = Scenario(budget);
        var plan = MonthWindowPlanner.Plan(scenario, 0).Where(w => w.Replicate == 0).ToList();
        FidelityPlan fleetPlan = FidelityPlanner.Plan(scenario, Autoscaled, plan[0], null);
        Assert.Equal(1, fleetPlan.CompressionAt(3));
        Assert.Equal(budget < 2000 ? 3 : 1, fleetPlan.CompressionAt(12), 9);
        Assert.Equal(budget < 2000 ? 0.1 * 3600 / (105 * (1.8 / 1.3)) : 1, fleetPlan.CompressionAt(9), 9);
        Assert.Equal(1, fleetPlan.SliceFactor);

        for (int o = 0; o < scenario.Options.Count; o++)
        {
            OptionSpec option = scenario.Options[o];
            double[] wholeCosts = WholeMonthCosts.Value[o];
            double[] planCosts = [.. Enumerable.Range(0, planSeeds).Select(s =>
                Cost(scenario, option, o, plan, SeedSequence.Derive((ulong)s)))];

            double wholeMean = wholeCosts.Average();
            double planMean = planCosts.Average();
            double planSe = Math.Sqrt(planCosts.Sum(c => (c - planMean) * (c - planMean)) / (planSeeds - 1) / planSeeds);
            double relative = planMean / wholeMean - 1;
            output.WriteLine($"{option.Name} (budget {budget}): windows {planMean:F2} ± {planSe:F2} ({planSeeds} seeds) vs whole month {wholeMean:F2} USD ({string.Join(", ", wholeCosts.Select(c => c.ToString("F2")))}): {relative:+0.00%;-0.00%}");
            Assert.True(planSe / planMean <= 0.005, $"{option.Name}: plan standard error {planSe / planMean:P2} is too large to test a 2% tolerance");
            Assert.True(Math.Abs(relative) <= 0.02,
                $"{option.Name} (budget {budget}): windows {planMean:F2} ± {planSe:F2} vs whole month {wholeMean:F2} USD ({relative:+0.00%;-0.00%})");
        }
    }

    /// <summary>The whole month does not depend on the request budget: simulated once, 3 seeds per option.</summary>
    private static readonly Lazy<double[][]> WholeMonthCosts = new(() =>
    {
        ScenarioSpec scenario = Scenario(60_000);
        SimulationWindow whole = MonthWindowPlanner.WholeMonth(scenario, 0);
        return [.. scenario.Options.Select((option, o) => Enumerable.Range(0, 3)
            .Select(s => Cost(scenario, option, o, [whole], SeedSequence.Derive(1000 + (ulong)s)))
            .ToArray())];
    });

    /// <summary>Monthly COGS of one option over the given windows (each as its fidelity plan says), seeded like the Projector (traffic shared by options).</summary>
    private static double Cost(ScenarioSpec scenario, OptionSpec option, int optionIndex, IReadOnlyList<SimulationWindow> windows, ulong seed)
    {
        var merged = new WindowMetrics();
        foreach (SimulationWindow day in windows)
        {
            FidelityPlan plan = day.Label == "whole-month" ? FidelityPlan.Full : FidelityPlanner.Plan(scenario, option, day, null);
            (SimulationWindow w, OptionSpec simulated) = FidelityPlanner.Apply(day, option, plan, null);
            var sim = Projector.CreateSimulator(scenario, simulated, null);
            merged.Merge(sim.Run(w, SeedSequence.Derive(seed, (ulong)w.Index), SeedSequence.Derive(seed, (ulong)w.Index, (ulong)optionIndex + 1)));
        }
        return Projector.Outcome(scenario, option, 0, merged).Cost.CogsUsd;
    }
}
