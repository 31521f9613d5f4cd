using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Scenarios that load but mislead draw a warning where the author can fix them.</summary>
public sealed class AuthorTrapTests
{
    private const string TwoGpuOptions = """
        name: traps
        start_month: 2027-01
        horizon_months: 12
        seed: 1
        workload:
          classes:
            - name: chat
              share: 1
              input_tokens: {distribution: fixed, tokens: 500}
              output_tokens: {distribution: fixed, tokens: 200}
          volume: {requests_per_day: 1000}
        slo: {ttft_p95_ms: 1000}
        options:
          - name: api
            kind: api
            catalog: gpt-4o
            latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}
          - name: self
            kind: self_hosted
            model: llama-3.1-8b
            gpu: l4
            pricing: {catalog: aws-g6-xlarge-us-east-1}
            replicas: 1
            fixed_costs:
              - {name: inference engineer, ftes: 0.25, loaded_salary_per_year_usd: 220000}
              - {name: monitoring, monthly_usd: 400}
            one_time_costs:
              - {name: migration, amount_usd: 30000}
          - name: hybrid
            kind: hybrid
            self_hosted:
              model: llama-3.1-8b
              gpu: l4
              pricing: {catalog: aws-g6-xlarge-us-east-1}
              replicas: 1
            api:
              catalog: gpt-4o
              latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}
            overflow_queue_wait_s: 2
            fixed_costs:
              - {name: monitoring, monthly_usd: 400}
        """;

    [Fact]
    public void A_gpu_option_without_the_staff_and_migration_another_carries_is_warned_by_name()
    {
        ScenarioLoadResult result = TestFiles.Load(TwoGpuOptions);

        DiagnosticAssert.Clean(result);
        Diagnostic warning = DiagnosticAssert.HasWarning(result.Diagnostics, 29, 5,
            "options[2]: option 'hybrid' runs GPUs like 'self' but lacks their fixed_costs 'inference engineer' and one_time_costs 'migration', so it may look cheaper than it is");
        Assert.Contains("under the same name", warning.Allowed);
        Assert.Single(result.Diagnostics, d => d.Message.Contains("runs GPUs like", StringComparison.Ordinal));
    }

    [Fact]
    public void Gpu_options_with_as_many_costs_are_not_warned_and_api_options_are_not_compared()
    {
        // The hybrid's fixed costs close the text: a second one under another name, and a one-time cost of its own.
        string yaml = TwoGpuOptions
            + "\n      - {name: platform engineer, ftes: 0.25, loaded_salary_per_year_usd: 220000}"
            + "\n    one_time_costs:\n      - {name: setup, amount_usd: 20000}";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("runs GPUs like", StringComparison.Ordinal));
    }

    [Fact]
    public void An_uncertain_revenue_is_warned_to_have_no_tornado_swing()
    {
        string yaml = TwoGpuOptions.Replace("seed: 1\n", "seed: 1\nrevenue_per_request_usd: 0.004\n", StringComparison.Ordinal) + """

            uncertainty:
              inputs:
                - {path: revenue_per_request_usd, distribution: uniform, min: 0.003, max: 0.005}
                - {path: "options[self].pricing.per_gpu_hour_usd", distribution: uniform, min: 0.6, max: 0.9}
            """;

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        DiagnosticAssert.HasWarning(result.Diagnostics, 45, 7,
            "uncertainty.inputs[0]: 'revenue_per_request_usd' cannot move the sensitivity tornado (revenue changes the gross margin, not any option's cost): its swing will be $0");
        Assert.Single(result.Diagnostics, d => d.Message.Contains("swing will be $0", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_reach_names_the_option_or_price_event_options_an_input_moves()
    {
        string yaml = TwoGpuOptions + """

            price_events:
              - {name: cut, month: 3, target: api_prices, change: -0.2, options: [api]}
              - {name: trend, month: 1, target: gpu_prices, change_per_year: -0.1}
            uncertainty:
              inputs:
                - {path: "options[self].pricing.per_gpu_hour_usd", distribution: uniform, min: 0.6, max: 0.9}
                - {path: "options[2].overflow_queue_wait_s", distribution: uniform, min: 1, max: 3}
                - {path: "price_events[cut].change", distribution: uniform, min: -0.3, max: -0.1}
                - {path: "price_events[trend].change_per_year", distribution: uniform, min: -0.2, max: 0}
                - {path: workload.volume.requests_per_day, distribution: uniform, min: 800, max: 1200}
            """;

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        ScenarioSpec s = result.Scenario!;
        IReadOnlyList<UncertainInputSpec> inputs = s.Uncertainty.Inputs;
        Assert.Equal(["self"], inputs[0].OptionsMoved);
        Assert.Equal(["hybrid"], inputs[1].OptionsMoved);
        Assert.Equal(["api"], inputs[2].OptionsMoved);
        Assert.Null(inputs[3].OptionsMoved);
        Assert.Null(inputs[4].OptionsMoved);
    }

    [Fact]
    public void An_anchored_value_aliased_into_several_options_moves_them_all()
    {
        string yaml = TwoGpuOptions.Replace("loaded_salary_per_year_usd: 220000}", "loaded_salary_per_year_usd: &salary 220000}", StringComparison.Ordinal)
            + "\n      - {name: inference engineer, ftes: 0.25, loaded_salary_per_year_usd: *salary}"
            + "\nuncertainty:\n  inputs:\n    - {path: \"options[self].fixed_costs[inference engineer].loaded_salary_per_year_usd\", distribution: uniform, min: 1.8e5, max: 2.6e5}";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        Assert.Equal(["self", "hybrid"], result.Scenario!.Uncertainty.Inputs[0].OptionsMoved);
    }

    [Fact]
    public void Costs_given_once_go_to_every_gpu_option_and_an_options_own_cost_of_that_name_stands_in()
    {
        string yaml = TwoGpuOptions.Replace("slo: {ttft_p95_ms: 1000}\n", """
            slo: {ttft_p95_ms: 1000}
            gpu_option_costs:
              fixed_costs:
                - {name: inference engineer, ftes: 0.5, loaded_salary_per_year_usd: 240000}
              one_time_costs:
                - {name: migration, amount_usd: 50000, month: 2}

            """, StringComparison.Ordinal);
        Assert.NotEqual(TwoGpuOptions, yaml);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        IReadOnlyList<OptionSpec> options = result.Scenario!.Options;
        Assert.Empty(options[0].FixedMonthlyCosts);
        Assert.Empty(options[0].OneTimeCosts);
        // "self" keeps its own engineer (0.25 FTE) and migration (30,000) and adds nothing by those names.
        Assert.Equal(["inference engineer", "monitoring"], options[1].FixedMonthlyCosts.Select(c => c.Name));
        Assert.Equal(0.25 * 220000 / 12, options[1].FixedMonthlyCosts[0].MonthlyUsd, 9);
        Assert.Equal(30000, Assert.Single(options[1].OneTimeCosts).AmountUsd);
        // The hybrid had only monitoring: it gets the shared engineer and migration, so no warning.
        Assert.Equal(["monitoring", "inference engineer"], options[2].FixedMonthlyCosts.Select(c => c.Name));
        Assert.Equal(0.5 * 240000 / 12, options[2].FixedMonthlyCosts[1].MonthlyUsd, 9);
        Assert.Equal(2, Assert.Single(options[2].OneTimeCosts).Month);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("runs GPUs like", StringComparison.Ordinal));
    }

    [Fact]
    public void Shared_costs_are_checked_where_they_are_written()
    {
        string yaml = TwoGpuOptions.Replace("slo: {ttft_p95_ms: 1000}\n",
            "slo: {ttft_p95_ms: 1000}\ngpu_option_costs:\n  fixed_costs: [{name: ops}]\n  staff: 1\n", StringComparison.Ordinal);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.HasError(result, 14, 17, "gpu_option_costs.fixed_costs[0]: a fixed cost needs either 'monthly_usd'");
        DiagnosticAssert.HasError(result, 15, 3, "unknown key 'gpu_option_costs.staff'");
    }
}
