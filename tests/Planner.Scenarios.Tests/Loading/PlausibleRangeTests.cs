using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// Inputs that used to validate and then crash or run away in <c>run</c> (issue 13): each is now
/// an error at its key that says what is allowed.
/// </summary>
public sealed class PlausibleRangeTests
{
    [Theory]
    [InlineData("start_month:", "start_month: 9999-12", 2, 14, "start_month: 9999-12 is out of range (allowed: 2000-01 to 2199-12)")]
    [InlineData("start_month:", "start_month: 1999-12", 2, 14, "start_month: 1999-12 is out of range (allowed: 2000-01 to 2199-12)")]
    [InlineData("volume:", "volume: {requests_per_day: 1000, growth: {monthly_rate: 60}}", 11, 59,
        "workload.volume.growth.monthly_rate: 60 is out of range (allowed: -1 < value <= 10)")]
    [InlineData("volume:", "volume: {requests_per_day: 2147483647}", 11, 30, "workload.volume.requests_per_day: 2147483647 is out of range (allowed: 0.01 to 1000000000)")]
    [InlineData("replicas: 1", "replicas: 2147483647", 23, 15, "options[1].replicas: 2147483647 is out of range (allowed: 1 to 1000)")]
    [InlineData("replicas: 1", "autoscaler: {min_replicas: 0, max_replicas: 100000, target: 8}", 23, 49,
        "options[1].autoscaler.max_replicas: 100000 is out of range (allowed: 1 to 1000)")]
    [InlineData("replicas: 1", "replicas: 1\n    fixed_costs: [{name: team, ftes: 1e308, loaded_salary_per_year_usd: 1e308}]", 24, 38,
        "options[1].fixed_costs[0].ftes: 1e308 is out of range (allowed: 0 < value <= 10000)")]
    [InlineData("replicas: 1", "replicas: 1\n    fixed_costs: [{name: team, ftes: 1, loaded_salary_per_year_usd: 1e308}]", 24, 69,
        "options[1].fixed_costs[0].loaded_salary_per_year_usd: 1e308 is out of range (allowed: 0 to 10000000)")]
    [InlineData("input_tokens:", "input_tokens: {distribution: fixed, tokens: 2000001}", 9, 51,
        "workload.classes[0].input_tokens.tokens: 2000001 is out of range (allowed: 1 to 2000000)")]
    [InlineData("replicas: 1", "autoscaler: {min_replicas: 0, max_replicas: 4, target: 8, evaluation_interval_s: 1e-300}", 23, 86,
        "options[1].autoscaler.evaluation_interval_s: 1e-300 is out of range (allowed: 1 to 3600)")]
    public void A_value_that_would_break_a_run_is_refused_where_it_is_written(string line, string replacement, int row, int column, string message)
    {
        ScenarioLoadResult result = TestFiles.Load(ReplaceLine(Minimal, line, replacement));
        DiagnosticAssert.HasError(result, row, column, message);
    }

    [Fact]
    public void Growth_that_compounds_past_a_billion_requests_a_day_names_the_month()
    {
        string yaml = ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 20000, growth: {monthly_rate: 5}}");
        yaml = ReplaceLine(yaml, "horizon_months:", "horizon_months: 36");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Diagnostic error = DiagnosticAssert.HasError(result, 11, 11, "workload.volume: traffic grows to 5.599e+9 requests/day by month 8");
        Assert.Equal("allowed: 0.01 to 1,000,000,000 requests/day in every month of the horizon; change requests_per_day or the growth, or shorten horizon_months",
            error.Allowed);
    }

    [Fact]
    public void Traffic_that_shrinks_towards_nothing_names_the_month()
    {
        string yaml = ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000, growth: {per_month: [-0.9, -0.9, -0.9, -0.9, -0.99]}}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.HasError(result, 11, 11, "workload.volume: traffic falls to 1e-3 requests/day by month 6");
    }

    [Fact]
    public void Growth_that_stays_under_the_bound_over_the_horizon_is_accepted()
    {
        // 20,000 a day growing 30% a month peaks at 20,000 × 1.3^35 = 1.9e8 in month 36.
        string yaml = ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 20000, growth: {per_month: [0.3]}}");
        yaml = ReplaceLine(yaml, "horizon_months:", "horizon_months: 36");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.InRange(result.Scenario!.Workload.Volume.RequestsPerDay(35), 1e8, 1e9);
    }

    [Fact]
    public void The_largest_money_inputs_and_fleet_are_accepted()
    {
        string yaml = ReplaceLine(Minimal, "replicas: 1", "replicas: 1000\n    fixed_costs: [{name: team, ftes: 10000, loaded_salary_per_year_usd: 10000000}, {name: rent, monthly_usd: 1e9}]\n"
            + "    one_time_costs: [{name: migration, amount_usd: 1e12}]");
        yaml = ReplaceLine(yaml, "pricing:", "pricing: {per_gpu_hour_usd: 1000, gpus_per_instance: 1, source: test, as_of: 2026-12-01}");
        yaml = ReplaceLine(yaml, "horizon_months:", "horizon_months: 60");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        var self = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
        Assert.Equal(1000, self.FixedReplicas);
        Assert.Equal([10000.0 * 10_000_000 / 12, 1e9], self.FixedMonthlyCosts.Select(c => c.MonthlyUsd));
    }

    [Fact]
    public void A_trace_row_with_more_tokens_than_a_request_may_hold_is_located()
    {
        string name = "long-" + Guid.NewGuid().ToString("N") + ".csv";
        File.WriteAllText(Path.Combine(TestFiles.Root, "traces", name),
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:00.0000000,2000001,10\n");
        string yaml = ReplaceLine(Minimal, "output_tokens:", $"output_tokens: {{distribution: empirical, trace: traces/{name}, column: generated}}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Assert.Contains(result.Diagnostics, d => d.Message.EndsWith(
            $"traces/{name}:2:29: ContextTokens: 2,000,001 tokens is out of range (allowed: 1 to 2,000,000 tokens per request)", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_that_would_make_validating_slow_are_refused_at_the_list()
    {
        string costs = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"{{name: c{i}, monthly_usd: 1}}"));
        ScenarioLoadResult result = TestFiles.Load(ReplaceLine(Minimal, "replicas: 1", $"replicas: 1\n    fixed_costs: [{costs}]"));
        Diagnostic error = DiagnosticAssert.HasError(result, 24, 18, "options[1].fixed_costs: 101 items");
        Assert.Equal("allowed: at most 100 items", error.Allowed);

        string rates = string.Join(", ", Enumerable.Repeat("0.01", 61));
        DiagnosticAssert.HasError(TestFiles.Load(ReplaceLine(Minimal, "volume:", $"volume: {{requests_per_day: 1000, growth: {{per_month: [{rates}]}}}}")),
            11, 56, "workload.volume.growth.per_month: 61 rates");
    }
}
