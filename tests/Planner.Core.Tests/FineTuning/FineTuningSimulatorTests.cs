using Planner.Core.Costs;
using Planner.Core.FineTuning;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Xunit.Abstractions;

namespace Planner.Core.Tests.FineTuning;

/// <summary>The fine-tuning Monte Carlo against hand calculations, the closed form for exponential failures, and Young/Daly.</summary>
public sealed class FineTuningSimulatorTests(ITestOutputHelper output)
{
    private const double TokensPerSecond = 1000;

    /// <summary>A job of <paramref name="workHours"/> of training at 1,000 tokens/s on 8 H100s at 2.99 USD/GPU-hour.</summary>
    private static FineTuningJobSpec Job(
        double workHours, double intervalSeconds, double writeSeconds, double restartSeconds, double failuresPerGpuHour, int gpus = 8) => new()
        {
            Name = "t",
            DatasetTokens = workHours * 3600 * TokensPerSecond,
            Gpu = TestSpecs.H100,
            GpuCount = gpus,
            PricePerGpuHourUsd = 2.99,
            TokensPerSecond = TokensPerSecond,
            FailuresPerGpuHour = failuresPerGpuHour,
            CheckpointIntervalSeconds = intervalSeconds,
            CheckpointWriteSeconds = writeSeconds,
            RestartOverheadSeconds = restartSeconds,
        };

    [Theory]
    [InlineData(10.0, 3600, 120, 10)] // 36,000 s of work in 10 whole segments
    [InlineData(10.5, 3600, 120, 11)] // the last segment is half an hour
    [InlineData(0.5, 3600, 60, 1)]    // shorter than one interval: one checkpoint, at the end
    public void Without_failures_wall_time_is_work_plus_checkpoints_exactly(double workHours, double interval, double write, int segments)
    {
        FineTuningJobResult r = FineTuningSimulator.Run(Job(workHours, interval, write, 300, 0), seed: 1, samples: 50);

        double expectedSeconds = workHours * 3600 + segments * write;
        Assert.Equal(expectedSeconds / 3600, r.FailureFreeWallHours, 12);
        Assert.Equal(expectedSeconds / 3600, r.MeanWallHours, 12);
        Assert.Equal(expectedSeconds / 3600, r.P90WallHours, 12);
        Assert.Equal(expectedSeconds / 3600, r.ExpectedWallHoursClosedForm, 12);
        Assert.Equal(0, r.MeanLostHours);
        Assert.Equal(0, r.MeanFailures);
        Assert.Equal(expectedSeconds / 3600 * 8 * 2.99, r.MeanCostUsd, 9);
        Assert.Equal(expectedSeconds / 3600 * 8, r.MeanGpuHours, 12);
        // Never failing, the cheapest plan is a single checkpoint at the end; Young/Daly has no answer.
        Assert.Equal(workHours * 3600, r.BestCheckpointIntervalSeconds, 6);
        Assert.Null(r.YoungDalyIntervalSeconds);
    }

    /// <summary>
    /// λ = 8 GPUs × 0.0625 per GPU-hour = 0.5 per hour (M = 2 h), so failures are frequent and the
    /// correction is large (+~80 %). With N = 20,000 samples the standard error is about 0.4 % of the
    /// mean; the bound is 4 standard errors (a fixed seed, so the test is not flaky, and 4σ keeps it
    /// honest for any seed with probability 0.99994).
    /// </summary>
    [Theory]
    [InlineData(0.0)]   // no restart overhead: (1/λ)(e^{λ(w+δ)} − 1) exactly as in the brief
    [InlineData(300.0)] // restarts that can fail too: e^{λR}(1/λ)(e^{λ(w+δ)} − 1)
    public void Monte_carlo_mean_matches_the_closed_form_within_four_standard_errors(double restart)
    {
        const double Lambda = 0.5 / 3600;
        const double Write = 120;
        const double Interval = 3600;
        FineTuningJobSpec job = Job(10.5, Interval, Write, restart, 0.0625);

        FineTuningJobResult r = FineTuningSimulator.Run(job, seed: 7, samples: 20_000);

        // Written out here, independent of the simulator: 10 whole segments and one of half an hour.
        static double Segment(double lambda, double restartSeconds, double a) => Math.Exp(lambda * restartSeconds) * (Math.Exp(lambda * a) - 1) / lambda;
        double closedSeconds = 10 * Segment(Lambda, restart, Interval + Write) + Segment(Lambda, restart, 1800 + Write);
        // The brief's form with failure-free restarts, for comparison: equal when R = 0, first-order equal otherwise.
        double briefSeconds = 10 * (1 / Lambda + restart) * (Math.Exp(Lambda * (Interval + Write)) - 1)
                              + (1 / Lambda + restart) * (Math.Exp(Lambda * (1800 + Write)) - 1);
        double closed = closedSeconds / 3600;
        double gapInStandardErrors = (r.MeanWallHours - closed) / r.WallHoursStandardError;
        output.WriteLine($"R={restart}: MC {r.MeanWallHours:F4} h ± {r.WallHoursStandardError:F4} (SE), closed form {closed:F4} h, " +
                         $"brief's failure-free-restart form {briefSeconds / 3600:F4} h, gap {gapInStandardErrors:F2} SE, " +
                         $"failure-free {r.FailureFreeWallHours:F4} h, lost {r.MeanLostHours:F4} h, failures {r.MeanFailures:F3}");

        Assert.Equal(closed, r.ExpectedWallHoursClosedForm, 9);
        Assert.True(r.WallHoursStandardError < 0.01 * closed, "enough samples to make the comparison sharp");
        Assert.InRange(gapInStandardErrors, -4, 4);
        if (restart == 0)
        {
            Assert.Equal(briefSeconds / 3600, closed, 9);
        }
        // Lost time is what failures add over the failure-free run.
        Assert.Equal(r.MeanWallHours - r.FailureFreeWallHours, r.MeanLostHours, 9);
    }

    /// <summary>
    /// Rare failures: 8 GPUs × 0.002 per GPU-hour gives M = 62.5 h, against a 120 s write, so
    /// √(δ/2M) ≈ 0.016. Young/Daly's first-order optimum √(2δM) ≈ 7,348 s is then off by Daly's
    /// higher-order terms, τ ≈ √(2δM)(1 + ⅓√(δ/2M) + δ/18M) − δ ≈ 7,268 s (−1.1 %). The work is
    /// 10,000 Young/Daly intervals, so the shorter last segment moves the optimum by well under
    /// √(τ/W) = 1 %. The search must land within one grid step of Daly's estimate plus that 1 %,
    /// and the expected cost at Young/Daly must be within 0.01 % of the searched minimum (flat optimum).
    /// </summary>
    [Fact]
    public void Cost_minimising_interval_is_close_to_young_daly_when_failures_are_rare()
    {
        const double Write = 120;
        double m = 1 / (8 * 0.002 / 3600);
        double youngDaly = Math.Sqrt(2 * Write * m);
        double daly = youngDaly * (1 + Math.Sqrt(Write / (2 * m)) / 3 + Write / (18 * m)) - Write;
        FineTuningJobSpec job = Job(10_000 * youngDaly / 3600, 3600, Write, 300, 0.002);

        FineTuningJobResult r = FineTuningSimulator.Run(job, seed: 3, samples: 1);

        double step = r.SearchGridRatio - 1;
        output.WriteLine($"search {r.BestCheckpointIntervalSeconds:F0} s (grid step {step:P2}), Young/Daly {r.YoungDalyIntervalSeconds:F0} s, " +
                         $"Daly higher-order {daly:F0} s; expected cost {r.BestIntervalExpectedCostUsd:F2} vs {r.YoungDalyExpectedCostUsd:F2} USD at Young/Daly");
        Assert.Equal(youngDaly, r.YoungDalyIntervalSeconds!.Value, 6);
        Assert.InRange(r.BestCheckpointIntervalSeconds / daly - 1, -(step + 0.01), step + 0.01);
        Assert.InRange(r.BestCheckpointIntervalSeconds / youngDaly - 1, -(step + 0.01 + (youngDaly - daly) / youngDaly), step + 0.01);
        Assert.True(r.BestIntervalExpectedCostUsd <= r.YoungDalyExpectedCostUsd);
        Assert.True(r.YoungDalyExpectedCostUsd / r.BestIntervalExpectedCostUsd - 1 < 1e-4);
    }

    [Fact]
    public void When_failures_are_frequent_young_daly_overshoots_and_the_search_says_so()
    {
        // δ = 600 s against M = 1 h: √(δ/2M) ≈ 0.29, well outside the first-order regime.
        FineTuningJobSpec job = Job(200, 3600, 600, 300, 0.125);
        FineTuningJobResult r = FineTuningSimulator.Run(job, seed: 3, samples: 1);
        output.WriteLine($"search {r.BestCheckpointIntervalSeconds:F0} s, Young/Daly {r.YoungDalyIntervalSeconds:F0} s");
        Assert.True(r.BestCheckpointIntervalSeconds < 0.9 * r.YoungDalyIntervalSeconds!.Value);
        Assert.True(r.BestIntervalExpectedCostUsd < r.YoungDalyExpectedCostUsd);
    }

    [Fact]
    public void P90_is_at_least_the_mean_when_failures_are_common()
    {
        FineTuningJobResult r = FineTuningSimulator.Run(Job(10.5, 3600, 120, 300, 0.0625), seed: 11, samples: 5000);
        Assert.True(r.MeanFailures > 1);
        Assert.True(r.P90WallHours >= r.MeanWallHours);
        Assert.True(r.P90CostUsd >= r.MeanCostUsd);
    }

    /// <summary>
    /// Not a law: when most runs never fail, P90 is the failure-free time and the rare failures lift
    /// only the mean. Pinned so nobody reads P90 ≥ mean as an invariant.
    /// </summary>
    [Fact]
    public void P90_can_sit_below_the_mean_when_nearly_every_run_is_failure_free()
    {
        FineTuningJobResult r = FineTuningSimulator.Run(Job(2, 3600, 120, 300, 0.002), seed: 11, samples: 5000);
        Assert.True(r.MeanFailures < 0.1);
        Assert.Equal(r.FailureFreeWallHours, r.P90WallHours, 12);
        Assert.True(r.MeanWallHours > r.P90WallHours);
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers_and_another_seed_different_ones()
    {
        FineTuningJobSpec job = Job(10.5, 3600, 120, 300, 0.0625);
        FineTuningJobResult a = FineTuningSimulator.Run(job, seed: 5, samples: 500);
        FineTuningJobResult b = FineTuningSimulator.Run(job, seed: 5, samples: 500);
        FineTuningJobResult c = FineTuningSimulator.Run(job, seed: 6, samples: 500);
        Assert.Equal(a, b);
        Assert.NotEqual(a.MeanWallHours, c.MeanWallHours);
    }

    [Fact]
    public void Derived_throughput_is_six_flops_per_parameter_per_token_against_peak_times_efficiency()
    {
        FineTuningJobSpec job = Job(1, 3600, 120, 300, 0) with { TokensPerSecond = null, ModelActiveParamsBillion = 8.03 };
        // 8 × 989e12 × 0.4 / (6 × 8.03e9) = 3.1648e15 / 4.818e10 = 65,687.0 tokens/s.
        Assert.Equal(8 * 989e12 * 0.4 / (6 * 8.03e9), job.EffectiveTokensPerSecond, 6);
        Assert.Equal(65_687.0, job.EffectiveTokensPerSecond, 0.1);
        Assert.Throws<InvalidOperationException>(() => (job with { ModelActiveParamsBillion = null }).WorkSeconds);
    }

    [Fact]
    public void Recurring_jobs_run_every_n_months_from_their_first()
    {
        FineTuningJobSpec once = Job(1, 3600, 120, 300, 0) with { Month = 3 };
        FineTuningJobSpec every2 = once with { Month = 2, EveryMonths = 2 };
        Assert.Equal([3], Enumerable.Range(1, 8).Where(once.RunsInMonth));
        Assert.Equal([2, 4, 6, 8], Enumerable.Range(1, 8).Where(every2.RunsInMonth));
    }

    [Fact]
    public void Projection_books_fine_tuning_in_its_months_outside_cogs_but_in_cumulative_cost()
    {
        FineTuningJobSpec job = Job(10, 3600, 120, 300, 0) with { Month = 2, EveryMonths = 2 };
        ApiOptionSpec api = TestSpecs.Api() with { FineTuningJobs = [job] };
        ScenarioSpec scenario = TestSpecs.Scenario(TestSpecs.Workload(), [api, TestSpecs.Api() with { Name = "other" }], horizonMonths: 4);
        double runUsd = (36_000 + 10 * 120) / 3600.0 * 8 * 2.99;

        var months = Enumerable.Range(0, 4).Select(i => Projector.Outcome(scenario, api, i, new WindowMetrics())).ToList();

        Assert.Equal([0, CostModel.Cents(runUsd), 0, CostModel.Cents(runUsd)], months.Select(m => Math.Round(m.Cost.FineTuningUsd, 9)).ToArray(), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.All(months, m => Assert.Equal(m.Cost.FixedUsd + m.Cost.ApiTokensUsd, m.Cost.CogsUsd));
        var projection = new OptionProjection { Option = api, PerformanceSource = "test", Months = months };
        Assert.Equal(2 * CostModel.Cents(runUsd), projection.TotalCostUsd, 6);
        Assert.Equal(2 * CostModel.Cents(runUsd), projection.CumulativeCostUsd()[^1], 6);
    }

    [Fact]
    public void Plan_results_do_not_depend_on_the_options_position()
    {
        FineTuningJobSpec job = Job(10.5, 3600, 120, 300, 0.0625);
        ApiOptionSpec a = TestSpecs.Api() with { Name = "a", FineTuningJobs = [job] };
        ApiOptionSpec b = TestSpecs.Api() with { Name = "b" };
        ScenarioSpec first = TestSpecs.Scenario(TestSpecs.Workload(), [a, b]);
        ScenarioSpec second = TestSpecs.Scenario(TestSpecs.Workload(), [b, a]);
        Assert.Equal(FineTuningPlan.Run(first, a, 200)[0], FineTuningPlan.Run(second, a, 200)[0]);
    }
}
