using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// Errors that once said only what was wrong now also say what is allowed, in the parenthesised
/// "(allowed: …)" every other error ends with: first the cases the audit named, then one of each
/// other rule that gained its hint.
/// </summary>
public sealed class AllowedHintTests
{
    private static readonly string TwentyFourZeros = "[" + string.Join(", ", Enumerable.Repeat("0", 24)) + "]";

    /// <summary>The error whose message is <paramref name="message"/>, printed with <paramref name="allowed"/> in parentheses.</summary>
    private static void SaysWhatIsAllowed(string yaml, string message, string allowed)
    {
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Diagnostic? d = result.Diagnostics.FirstOrDefault(x => x.IsError && x.Message == message);
        Assert.True(d is not null, $"expected the error \"{message}\"; got:\n" + string.Join("\n", result.Diagnostics));
        Assert.StartsWith("allowed: ", d!.Allowed, StringComparison.Ordinal);
        Assert.Equal(allowed, d.Allowed);
        Assert.EndsWith($": error: {message} ({allowed})", d.ToString(), StringComparison.Ordinal);
    }

    private static string WithVolumeLine(string line) =>
        ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000}\n  " + line);

    private static string WithSelfHosted(string replacement) => ReplaceLine(Minimal, "replicas: 1", replacement);

    private static string Appended(string section) => Minimal.TrimEnd('\n') + "\n" + section;

    public static TheoryData<string, string, string> AuditCases => new()
    {
        {
            WithVolumeLine("daily_shape: " + TwentyFourZeros),
            "workload.daily_shape: the hourly weights are all zero",
            "allowed: 24 weights >= 0, at least one of them > 0, or a named shape: flat, business_hours, consumer_evening"
        },
        {
            WithSelfHosted("replicas: 1\n    autoscaler: {min_replicas: 0, max_replicas: 4, target: 8}"),
            "options[1]: give either 'replicas' or 'autoscaler', not both",
            "allowed: replicas, a fixed count from 1 to 1000, or an autoscaler mapping; "
            + "for example: replicas: 2, or autoscaler: {min_replicas: 1, max_replicas: 8, metric: concurrency, target: 16}"
        },
        {
            Appended("""
                uncertainty:
                  inputs:
                    - {path: workload.volume.requests_per_day, distribution: uniform, min: 800, max: 1200}
                    - {path: "options[self].pricing.per_gpu_hour_usd", distribution: uniform, min: 0.72, max: 0.48}
                """),
            "uncertainty.inputs[1]: max (0.48) must be greater than min (0.72)",
            "allowed: max > min, here more than 0.72"
        },
        {
            ReplaceLine(Minimal, "input_tokens:", "input_tokens: {distribution: lognormal, median: 60, p95: 90, min: 100, max: 50}"),
            "workload.classes[0].input_tokens: max (50) must be at least min (100)",
            "allowed: max >= min, here 100 or more"
        },
        {
            WithSelfHosted("autoscaler: {min_replicas: 0, max_replicas: 20, target: 8, schedule_min_replicas: "
                + TwentyFourZeros.Replace("[0,", "[21,", StringComparison.Ordinal) + "}"),
            "options[1].autoscaler.schedule_min_replicas[0]: 21 is more than max_replicas (20)",
            "allowed: 0 to 20, no more than max_replicas"
        },
        {
            Appended("""
                price_events:
                  - {name: cut, month: 2, target: api_prices, change: -0.1}
                  - {name: trend, month: 3, target: api_prices}
                """),
            "price_events[1]: one of 'change' or 'change_per_year' is required",
            "allowed: change (-1 < value <= 100), one step from the event's month on, or change_per_year (-1 < value <= 10), a yearly trend from it"
        },
        {
            WithVolumeLine("arrivals: {process: poisson, cv: 2}"),
            "workload.arrivals.cv: 'cv' applies only to gamma arrivals; poisson arrivals have cv 1",
            "allowed: cv from 0.05 to 20 beside process: gamma; no cv with poisson arrivals"
        },
    };

    [Theory]
    [MemberData(nameof(AuditCases))]
    public void The_errors_the_audit_found_say_what_is_allowed(string yaml, string message, string allowed) =>
        SaysWhatIsAllowed(yaml, message, allowed);

    public static TheoryData<string, string, string> OtherRules => new()
    {
        {
            ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000, requests_per_weekday: 1200}"),
            "workload.volume: give either 'requests_per_day' or 'requests_per_weekday', not both",
            Messages.VolumeBasisAllowed
        },
        {
            ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000, growth: {}}"),
            "workload.volume.growth: one of 'monthly_rate' or 'per_month' is required",
            "allowed: monthly_rate, one rate for every month (-1 < value <= 10), or per_month, a list of rates, one per month, the last repeating"
        },
        {
            ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000, growth: {per_month: []}}"),
            "workload.volume.growth.per_month: the list is empty",
            "allowed: 1 to 60 rates, one per month of the horizon"
        },
        {
            ReplaceLine(Minimal, "input_tokens:", "input_tokens: {distribution: lognormal, min: 10}"),
            "workload.classes[0].input_tokens: a lognormal distribution needs 'mean' and 'sd', or 'median' and 'p95'",
            "allowed: mean and sd, or median and p95 with p95 > median, each 1 to 2000000"
        },
        {
            ReplaceLine(Minimal, "input_tokens:", "input_tokens: {distribution: lognormal, median: 600, p95: 500}"),
            "workload.classes[0].input_tokens: p95 (500) must be greater than median (600)",
            "allowed: p95 > median, here more than 600"
        },
        {
            ReplaceLine(Minimal, "latency:", "latency: {ttft_median_ms: 400, ttft_p95_ms: 300, output_tokens_per_s: 80}"),
            "options[0].latency: ttft_p95_ms (300) must be greater than ttft_median_ms (400)",
            "allowed: ttft_p95_ms > ttft_median_ms, here more than 400"
        },
        {
            WithSelfHosted("replicas: 1\n    fixed_costs: [{name: ops}]"),
            "options[1].fixed_costs[0]: a fixed cost needs either 'monthly_usd', or 'ftes' with 'loaded_salary_per_year_usd'",
            Messages.FixedCostFormAllowed
        },
        {
            ReplaceLine(Minimal, "pricing:", "pricing: {model: on_demand}"),
            "options[1].pricing: give a price: 'catalog' (an id in catalog/gpu_prices.yaml), 'per_gpu_hour_usd' or 'per_instance_hour_usd'",
            Messages.PriceAllowed
        },
        {
            ReplaceLine(Minimal, "pricing:", "pricing: {per_gpu_hour_usd: 1, per_instance_hour_usd: 8, gpus_per_instance: 8}"),
            "options[1].pricing: give either 'per_gpu_hour_usd' or 'per_instance_hour_usd', not both",
            Messages.PerGpuOrPerInstanceAllowed
        },
        {
            ReplaceLine(Minimal, "pricing:", "pricing: {catalog: aws-p5-48xlarge-us-east-1}"),
            "options[1].pricing.catalog: price 'aws-p5-48xlarge-us-east-1' is for gpu 'h100-sxm', but this option runs on gpu 'l4'",
            "allowed: prices for gpu 'l4': aws-g6-xlarge-us-east-1"
        },
        {
            ReplaceLine(Minimal, "replicas: 1", "# no replicas"),
            "options[1]: give 'replicas' (a fixed count) or 'autoscaler'",
            Messages.ReplicasOrAutoscalerAllowed
        },
        {
            WithSelfHosted("autoscaler: {min_replicas: 0, max_replicas: 4, target: 8, schedule_min_replicas: [1, 2]}"),
            "options[1].autoscaler.schedule_min_replicas: expected 24 hourly minimums (one per hour from 00:00), got 2",
            "allowed: one minimum per hour, 00:00 to 23:00, each 0 to max_replicas"
        },
        {
            WithSelfHosted("replicas: 2\n    spot: {on_demand_base_replicas: 3, price: {per_gpu_hour_usd: 0.4}, interruptions_per_hour: 0.05}"),
            "options[1].spot.on_demand_base_replicas: on_demand_base_replicas (3) is more than replicas (2), so no replica would ever be spot",
            "allowed: 0 to 2, no more than replicas"
        },
        {
            WithSelfHosted("replicas: 1\n    spot: {on_demand_base_replicas: 0, price: {per_gpu_hour_usd: 0.4, gpus_per_instance: 8}, interruptions_per_hour: 0.05}"),
            "options[1].spot.price: this spot price is for 8-GPU instances but the deployment rents 1-GPU instances (spot capacity runs on the same instance type)",
            "allowed: a spot price for 1-GPU instances: gpus_per_instance: 1, or a catalog price for such an instance"
        },
        {
            WithSelfHosted("replicas: 1\n    spot: {on_demand_base_replicas: 0, price: {catalog: aws-g6-xlarge-us-east-1, source: a quote}, interruptions_per_hour: 0.05}"),
            "options[1].spot.price: 'source' and 'as_of' describe 'per_gpu_hour_usd'; give them with it",
            Messages.SourceWithoutPriceAllowed
        },
        {
            ReplaceLine(Minimal, "model: llama-3.1-8b", "model: {catalog: llama-3.1-8b, params_billion: 1, active_params_billion: 2}"),
            "options[1].model: params_billion (1) must be at least active_params_billion (2)",
            "allowed: params_billion >= active_params_billion, here 2 or more"
        },
        {
            Appended("price_events:\n  - {name: cut, month: 2, target: api_prices, change: -0.1, change_per_year: -0.2}\n"),
            "price_events[0]: give either 'change' or 'change_per_year', not both",
            Messages.PriceChangeAllowed
        },
        {
            WithSelfHosted("replicas: 1\n    fine_tuning: [{name: ft, dataset_tokens: 1e9, gpu: h100-sxm, tokens_per_second: 12000, "
                + "failure_rate_per_gpu_hour: 0, checkpoint_interval_min: 60, checkpoint_write_s: 60}]"),
            "options[1].fine_tuning[0]: one of 'price_per_gpu_hour_usd' or 'pricing' is required",
            Messages.FineTuningPriceAllowed
        },
        {
            Appended("uncertainty:\n  inputs: []\n"),
            "uncertainty.inputs: the list is empty",
            "allowed: 1 to 50 inputs, or no uncertainty section"
        },
        {
            Appended("uncertainty:\n  inputs:\n    - {path: horizon_months, distribution: uniform, min: 6, max: 12}\n"),
            "uncertainty.inputs[0].path: 'horizon_months' cannot be uncertain: every sample shares the projection's timeline",
            Messages.InputPathFixedHint
        },
        {
            Appended("uncertainty:\n  inputs:\n    - {path: seed.x, distribution: uniform, min: 6, max: 12}\n"),
            "uncertainty.inputs[0].path: 'seed.x': seed is '1', not a mapping",
            Messages.InputPathKeyHint
        },
        {
            Appended("uncertainty:\n  inputs:\n    - {path: \"slo[0]\", distribution: uniform, min: 6, max: 12}\n"),
            "uncertainty.inputs[0].path: 'slo[0]': slo is a mapping, not a list, so it has no [items]",
            Messages.InputPathItemHint
        },
        {
            Appended("uncertainty:\n  inputs:\n    - {path: \"options[0].extra[0]\", distribution: uniform, min: 6, max: 12}\n")
                .Replace("kind: api\n", "kind: api\n    extra: []\n", StringComparison.Ordinal),
            "uncertainty.inputs[0].path: 'options[0].extra[0]': options[0].extra has 0 items, so there is no [0]",
            "allowed: no index: the list is empty"
        },
        {
            Appended("uncertainty:\n  inputs:\n    - {distribution: discrete, values: [], path: workload.volume.requests_per_day}\n"),
            "uncertainty.inputs[0].values: the list is empty",
            Messages.ValuesAllowed
        },
        {
            ReplaceLine(Minimal, "classes:", "replay: {trace: traces/small.csv}").Replace(
                "    - name: chat\n      share: 1\n      input_tokens: {distribution: fixed, tokens: 500}\n      output_tokens: {distribution: fixed, tokens: 200}\n",
                "  arrivals: {process: poisson}\n", StringComparison.Ordinal),
            "workload: give either 'arrivals' or 'replay', not both",
            Messages.ArrivalsWithReplayAllowed
        },
    };

    [Theory]
    [MemberData(nameof(OtherRules))]
    public void Other_rules_say_what_is_allowed(string yaml, string message, string allowed) =>
        SaysWhatIsAllowed(yaml, message, allowed);

    [Fact]
    public void An_empty_scenario_and_a_second_document_say_what_a_file_holds()
    {
        Diagnostic empty = Assert.Single(TestFiles.Load("# nothing\n").Diagnostics);
        Assert.Equal("test.yaml:1:1: error: the file holds no YAML document (allowed: one YAML document: a mapping of keys to values)", empty.ToString());
        Diagnostic second = Assert.Single(TestFiles.Load("name: a\n---\nname: b\n").Diagnostics);
        Assert.Equal("allowed: one document per file; a line '---' starts another", second.Allowed);
    }

    [Fact]
    public void A_trace_with_more_malformed_rows_than_are_listed_says_what_a_row_is()
    {
        string name = "many-bad-" + Guid.NewGuid().ToString("N") + ".csv";
        File.WriteAllText(Path.Combine(TestFiles.Root, "traces", name),
            "TIMESTAMP,ContextTokens,GeneratedTokens\n" + string.Concat(Enumerable.Repeat("2023-11-16 18:00:00.0000000,abc,1\n", 12)));
        string yaml = ReplaceLine(Minimal, "output_tokens:", $"output_tokens: {{distribution: empirical, trace: traces/{name}, column: generated}}");
        SaysWhatIsAllowed(yaml, $"workload.classes[0].output_tokens.trace: traces/{name}: 2 more malformed rows not listed",
            "allowed: rows of TIMESTAMP,ContextTokens,GeneratedTokens, in time order");
        // The line that sums up the rest stands for them: 10 listed and 2 more are 12 errors, not 11.
        var errors = TestFiles.Load(yaml).Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(11, errors.Count);
        Assert.Equal(12, errors.Sum(d => d.Count));
    }

    [Fact]
    public void A_value_that_is_not_finite_says_the_range()
    {
        SaysWhatIsAllowed(ReplaceLine(Minimal, "horizon_months:", "horizon_months: 12\nrevenue_per_request_usd: Infinity"),
            "revenue_per_request_usd: expected a finite number, got 'Infinity'", "allowed: 0 to 1000");
    }

    [Fact]
    public void A_missing_workload_says_which_two_forms_it_takes()
    {
        string yaml = ReplaceLine(Minimal, "classes:", "# no classes").Replace(
            "    - name: chat\n      share: 1\n      input_tokens: {distribution: fixed, tokens: 500}\n      output_tokens: {distribution: fixed, tokens: 200}\n",
            "", StringComparison.Ordinal);
        SaysWhatIsAllowed(yaml, Messages.WorkloadNeedsClassesOrReplay, Messages.WorkloadNeedsClassesOrReplayAllowed);
        Assert.Contains("for example: classes: [{name: chat", Messages.WorkloadNeedsClassesOrReplayAllowed, StringComparison.Ordinal);
        Assert.Contains(", or replay: {trace: ", Messages.WorkloadNeedsClassesOrReplayAllowed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_among_many_options_that_is_close_to_none_says_what_it_may_name()
    {
        string extra = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"  - {{name: extra-{i}, kind: api, catalog: gpt-4o, latency: {{ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}}}}\n"));
        string yaml = ReplaceLine(Minimal, "seed:", "seed: 1\nbaseline: zzzz").TrimEnd('\n') + "\n" + extra;
        SaysWhatIsAllowed(yaml, "baseline: 'zzzz' is not the name of an option", Messages.BaselineAllowed);
    }
}
