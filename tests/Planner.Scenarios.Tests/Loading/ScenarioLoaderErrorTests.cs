using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>One kind of mistake per test, each checked for its message and its line:column.</summary>
public sealed class ScenarioLoaderErrorTests
{
    private static ScenarioLoadResult Load(string yaml) => TestFiles.Load(yaml);

    private static string Without(string yaml, string lineStart) =>
        string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith(lineStart, StringComparison.Ordinal)));

    [Fact]
    public void Minimal_scenario_is_valid()
    {
        DiagnosticAssert.Clean(Load(Minimal));
    }

    [Fact]
    public void Unknown_key_suggests_the_close_one_and_the_real_key_is_then_missing()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "horizon_months:", "horizn_months: 12"));
        Diagnostic unknown = DiagnosticAssert.HasError(result, 3, 1, "unknown key 'horizn_months'");
        Assert.Equal("test.yaml:3:1: error: unknown key 'horizn_months' (did you mean: horizon_months?)", unknown.ToString());
        DiagnosticAssert.HasError(result, 1, 1, "missing required key 'horizon_months'");
    }

    [Fact]
    public void Unknown_key_in_a_nested_flow_mapping_has_its_path_and_position()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "latency:",
            "latency: {ttft_median: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}"));
        Diagnostic d = DiagnosticAssert.HasError(result, 17, 15, "unknown key 'options[0].latency.ttft_median'");
        Assert.Equal("did you mean: ttft_median_ms?", d.Allowed);
        DiagnosticAssert.HasError(result, 17, 14, "missing required key 'ttft_median_ms' in options[0].latency");
    }

    [Fact]
    public void Unknown_key_without_a_close_match_lists_the_allowed_keys()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "slo:", "slo: {ttft_p95_ms: 1000, throughput: 5}"));
        Diagnostic d = DiagnosticAssert.HasError(result, 12, 26, "unknown key 'slo.throughput'");
        Assert.Equal("allowed keys: ttft_p95_ms, tpot_p95_ms, e2e_p99_ms", d.Allowed);
    }

    [Fact]
    public void An_api_whose_context_window_is_shorter_than_the_requests_is_warned_of_where_it_is()
    {
        // 500 prompt + 200 answer tokens against a 600-token window: the run would refuse every request.
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "catalog: gpt-4o", "catalog: gpt-4o\n    context_window_tokens: 600"));
        Assert.NotNull(result.Scenario);
        DiagnosticAssert.HasWarning(result.Diagnostics, 14, 5,
            "options[0] (api): requests of class 'chat' take 700 tokens at their median (prompt 500, answer 200), more than its model's context window of 600: the API refuses such requests");
        Assert.DoesNotContain(Load(ReplaceLine(Minimal, "catalog: gpt-4o", "catalog: gpt-4o\n    context_window_tokens: 700")).Diagnostics,
            d => d.Message.Contains("context window", StringComparison.Ordinal));
        Assert.Equal(600, Assert.IsType<Planner.Core.Specs.ApiOptionSpec>(result.Scenario!.Options[0]).ContextWindowTokens);
    }

    [Fact]
    public void Wrong_type_says_what_was_expected_and_what_was_found()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "horizon_months:", "horizon_months: abc"));
        Diagnostic d = DiagnosticAssert.HasError(result, 3, 17, "horizon_months: expected an integer, got 'abc'");
        Assert.Equal("test.yaml:3:17: error: horizon_months: expected an integer, got 'abc' (allowed: an integer, 1 to 60)", d.ToString());
        // Digits too many for a number are out of range, not "not an integer".
        DiagnosticAssert.HasError(Load(ReplaceLine(Minimal, "horizon_months:", "horizon_months: 99999999999999999999999")), 3, 17,
            "horizon_months: 99999999999999999999999 is out of range");
    }

    [Fact]
    public void Wrong_type_for_a_number_and_for_a_mapping()
    {
        string yaml = ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: lots}");
        yaml = ReplaceLine(yaml, "slo:", "slo: fast");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 11, 30, "workload.volume.requests_per_day: expected a number, got 'lots'");
        DiagnosticAssert.HasError(result, 12, 6, "slo: expected a mapping, got 'fast'");
    }

    [Theory]
    [InlineData("20,000", "expected a number, got '20,000'", "allowed: 0.01 to 1000000000; write 20000, without separators")]
    [InlineData("20_000", "expected a number, got '20_000'", "allowed: 0.01 to 1000000000; write 20000, without separators")]
    [InlineData("1,5", "expected a number, got '1,5'", "allowed: 0.01 to 1000000000; a decimal is written with a point: 1.5")]
    [InlineData("0x4E20", "expected a number, got '0x4E20'", "allowed: 0.01 to 1000000000; write 20000 in decimal")]
    [InlineData("10%", "expected a number, got '10%'", "allowed: 0.01 to 1000000000; a share is written as a fraction: 0.1 for 10%")]
    [InlineData(".nan", "expected a finite number, got '.nan'", "allowed: 0.01 to 1000000000")]
    [InlineData("-.Inf", "expected a finite number, got '-.Inf'", "allowed: 0.01 to 1000000000")]
    [InlineData("lots", "expected a number, got 'lots'", "allowed: 0.01 to 1000000000")]
    public void A_number_in_a_form_the_scenario_does_not_read_says_how_to_write_it(string value, string message, string allowed)
    {
        // These said only "expected a number, got '20,000'", without what is allowed or how to write it.
        // In a flow mapping a comma ends the value: those are quoted there, as the block form need not.
        string written = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        Diagnostic d = DiagnosticAssert.HasError(Load(ReplaceLine(Minimal, "volume:", $"volume: {{requests_per_day: {written}}}")), 11, 30,
            "workload.volume.requests_per_day: " + message);
        Assert.Equal(allowed, d.Allowed);
    }

    [Fact]
    public void Out_of_range_value_states_the_allowed_range()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "horizon_months:", "horizon_months: 72"));
        Diagnostic d = DiagnosticAssert.HasError(result, 3, 17, "horizon_months: 72 is out of range");
        Assert.Equal("test.yaml:3:17: error: horizon_months: 72 is out of range (allowed: 1 to 60)", d.ToString());
    }

    [Theory]
    [InlineData("share: 0", "workload.classes[0].share: 0 is out of range (allowed: 0 < value <= 1)")]
    [InlineData("share: 1.5", "workload.classes[0].share: 1.5 is out of range (allowed: 0 < value <= 1)")]
    [InlineData("cached_prefix_fraction: 1", "workload.classes[0].cached_prefix_fraction: 1 is out of range (allowed: 0 <= value < 1)")]
    public void Fraction_bounds_are_checked(string line, string expected)
    {
        string yaml = line.StartsWith("share", StringComparison.Ordinal)
            ? ReplaceLine(Minimal, "share:", line)
            : ReplaceLine(Minimal, "share:", "share: 1\n      " + line);
        ScenarioLoadResult result = Load(yaml);
        Assert.Contains(result.Diagnostics, d => d.ToString().EndsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1", "1 is out of range (allowed: 0 <= value < 1)")]
    [InlineData("-0.1", "-0.1 is out of range (allowed: 0 <= value < 1)")]
    [InlineData("half", "expected a number, got 'half'")]
    public void The_tensor_parallel_attention_serial_share_is_a_share_below_one(string value, string expected)
    {
        ScenarioLoadResult result = Load(ReplaceLine(Full, "tp_attention_serial_share:", "tp_attention_serial_share: " + value));
        DiagnosticAssert.HasError(result, 73, 34, "options[1].engine.tp_attention_serial_share: " + expected);
    }

    [Fact]
    public void Shares_not_summing_to_one_are_reported_at_classes_with_the_sum()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "share:", "share: 0.9"));
        Diagnostic d = DiagnosticAssert.HasError(result, 6, 3, "workload.classes: class shares sum to 0.9, not 1");
        Assert.Equal("shares must add up to 1 within 1e-6", d.Allowed);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Shares_within_the_tolerance_are_accepted()
    {
        string yaml = ReplaceLine(Minimal, "share:", "share: 0.3333333");
        yaml = ReplaceLine(yaml, "volume:",
            "  - {name: b, share: 0.3333333, input_tokens: {distribution: fixed, tokens: 1}, output_tokens: {distribution: fixed, tokens: 1}}\n" +
            "    - {name: c, share: 0.3333334, input_tokens: {distribution: fixed, tokens: 1}, output_tokens: {distribution: fixed, tokens: 1}}\n" +
            "  volume: {requests_per_day: 1000}");
        DiagnosticAssert.Clean(Load(yaml));
    }

    [Fact]
    public void Unknown_catalog_id_lists_close_ids()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "gpu:", "gpu: h10"));
        Diagnostic d = DiagnosticAssert.HasError(result, 21, 10, "unknown gpu 'h10'");
        Assert.Equal("test.yaml:21:10: error: options[1].gpu: unknown gpu 'h10' (did you mean: h100-sxm, h100-pcie, h200?)", d.ToString());
    }

    [Fact]
    public void Unknown_catalog_id_with_nothing_close_lists_all_ids()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "catalog: gpt-4o", "catalog: claude-sonnet"));
        Diagnostic d = DiagnosticAssert.HasError(result, 16, 14, "options[0].catalog: unknown api model 'claude-sonnet'");
        Assert.Equal("allowed: gpt-4o-mini, gpt-4o", d.Allowed);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Catalog_ids_without_a_catalog_say_so()
    {
        ScenarioLoadResult result = ScenarioLoader.Load(Minimal, "test.yaml", TestFiles.Root, Planner.Scenarios.Catalogs.Catalog.Empty);
        Diagnostic d = DiagnosticAssert.HasError(result, 21, 10, "options[1].gpu: unknown gpu 'l4'");
        Assert.Equal("the catalog in use has no gpus.yaml entries: point Planner at a catalog folder, or describe it inline", d.Allowed);
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Unknown_model_in_an_override_mapping()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "model:", "model: {catalog: llama-3.1-7b, layers: 20}"));
        Diagnostic d = DiagnosticAssert.HasError(result, 20, 22, "options[1].model.catalog: unknown model 'llama-3.1-7b'");
        Assert.Equal("did you mean: llama-3.1-8b, llama-3.1-70b?", d.Allowed);
    }

    [Fact]
    public void Missing_trace_file_names_the_resolved_path()
    {
        string yaml = ReplaceLine(Minimal, "output_tokens:",
            "output_tokens: {distribution: empirical, trace: traces/missing.csv, column: generated}");
        ScenarioLoadResult result = Load(yaml);
        string resolved = Path.Combine(TestFiles.Root, "traces", "missing.csv");
        DiagnosticAssert.HasError(result, 10, 55,
            $"workload.classes[0].output_tokens.trace: trace file 'traces/missing.csv' not found (looked for {resolved})"
            + " (allowed: the path of a trace file, absolute or relative to the scenario's folder)");
    }

    [Fact]
    public void Malformed_trace_rows_are_reported_with_trace_row_and_column_at_the_node()
    {
        string yaml = ReplaceLine(Minimal, "output_tokens:",
            "output_tokens: {distribution: empirical, trace: traces/bad.csv, column: context}");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 10, 55, "traces/bad.csv:3:29: ContextTokens: expected a whole number of tokens from 1 to 2,000,000, got 'abc'");
        DiagnosticAssert.HasError(result, 10, 55, "traces/bad.csv:4:1: expected 3 comma-separated fields, got 2");
    }

    [Fact]
    public void Trace_without_rows_is_an_error()
    {
        string yaml = ReplaceLine(Minimal, "output_tokens:",
            "output_tokens: {distribution: empirical, trace: traces/empty.csv, column: generated}");
        DiagnosticAssert.HasError(Load(yaml), 10, 55,
            "trace file 'traces/empty.csv' has no rows (allowed: a CSV file with the header TIMESTAMP,ContextTokens,GeneratedTokens and one row per request)");
    }

    [Fact]
    public void Malformed_yaml_is_a_diagnostic_with_a_position()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "slo:", "slo: {ttft_p95_ms: 1000"));
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Null(result.Scenario);
        Assert.Equal("test.yaml:12:18: error: malformed YAML after this point (an unclosed bracket, brace or quote?)", d.ToString());
    }

    [Fact]
    public void Unclosed_list_reports_the_parser_message()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "slo:", "slo: {ttft_p95_ms: [1000}"));
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.StartsWith("test.yaml:12:25: error: malformed YAML: ", d.ToString());
    }

    [Fact]
    public void Bad_indentation_is_a_diagnostic()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "seed:", "seed: 1\n  oops: 2"));
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(5, d.Line);
        Assert.Contains("malformed YAML", d.Message);
    }

    [Fact]
    public void Duplicate_keys_are_all_reported_with_the_first_position()
    {
        string yaml = ReplaceLine(Minimal, "seed:", "seed: 1\nseed: 2");
        yaml = ReplaceLine(yaml, "kind: api", "kind: api\n    kind: api");
        ScenarioLoadResult result = Load(yaml);
        Assert.Null(result.Scenario);
        Diagnostic seed = DiagnosticAssert.HasError(result.Diagnostics, 5, 1, "duplicate key 'seed'");
        Assert.Equal("test.yaml:5:1: error: duplicate key 'seed' (first given at 4:1)", seed.ToString());
        DiagnosticAssert.HasError(result.Diagnostics, 17, 5, "duplicate key 'kind' (first given at 16:5)");
    }

    [Fact]
    public void Missing_required_key_is_reported_at_the_parent_mapping()
    {
        ScenarioLoadResult result = Load(Without(Minimal, "seed:"));
        Diagnostic d = DiagnosticAssert.HasError(result, 1, 1, "missing required key 'seed'");
        Assert.Equal("test.yaml:1:1: error: missing required key 'seed'", d.ToString());

        result = Load(Without(Minimal, "latency:"));
        DiagnosticAssert.HasError(result, 14, 5, "missing required key 'latency' in options[0]");
    }

    [Fact]
    public void Key_without_a_value_is_reported_at_the_key()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "seed:", "seed:"));
        DiagnosticAssert.HasError(result, 4, 6, "seed: a value is required");
    }

    [Fact]
    public void Fixed_replicas_and_autoscaler_together_are_an_error()
    {
        string yaml = ReplaceLine(Minimal, "replicas:",
            "replicas: 1\n    autoscaler: {min_replicas: 0, max_replicas: 4, target: 8, cold_start_s: 120}");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 24, 5, "options[1]: give either 'replicas' or 'autoscaler', not both");
    }

    [Fact]
    public void Neither_replicas_nor_autoscaler_is_an_error()
    {
        ScenarioLoadResult result = Load(Without(Minimal, "replicas:"));
        DiagnosticAssert.HasError(result, 18, 5, "options[1]: give 'replicas' (a fixed count) or 'autoscaler'");
    }

    [Fact]
    public void Autoscaler_bounds_are_checked()
    {
        string yaml = ReplaceLine(Minimal, "replicas:",
            "autoscaler: {min_replicas: 5, max_replicas: 4, metric: qps, target: 8, cold_start_s: 120}");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 23, 49, "options[1].autoscaler.max_replicas: 4 is out of range (allowed: 5 to 1000, no fewer than min_replicas)");
        DiagnosticAssert.HasError(result, 23, 60,
            "options[1].autoscaler.metric: unknown autoscaler metric 'qps' (allowed: concurrency, request_rate, queue_wait, kv_utilization)");
    }

    [Fact]
    public void Fewer_than_two_options_is_an_error()
    {
        string yaml = string.Join('\n', Minimal.Split('\n').Take(17));
        ScenarioLoadResult result = Load(yaml);
        Diagnostic d = DiagnosticAssert.HasError(result, 13, 1, "options: a scenario compares at least 2 options, found 1");
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Duplicate_option_names_point_at_the_first()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "- name: self", "- name: api"));
        Diagnostic d = DiagnosticAssert.HasError(result, 18, 11, "options[1].name: duplicate option name 'api'");
        Assert.Equal("first given at 14:11", d.Allowed);
    }

    [Fact]
    public void Invalid_names_are_rejected()
    {
        string yaml = ReplaceLine(Minimal, "name: minimal", "name: Chat Seed");
        yaml = ReplaceLine(yaml, "- name: self", "- name: self hosted");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 1, 7,
            "name: 'Chat Seed' is not a valid scenario name (allowed: 1 to 64 lowercase letters, digits and '-', starting with a letter or digit (it names the reports folder too))");
        DiagnosticAssert.HasError(result, 18, 11, "options[1].name: 'self hosted' is not a valid option name");
    }

    [Theory]
    [InlineData("..")]
    [InlineData("-x")]
    [InlineData("_self")]
    public void An_option_name_starts_with_a_letter_or_digit(string name)
    {
        // ".." and "-x" passed; a name starting with '-' lands in monthly.csv, where a spreadsheet reads it as a formula.
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "- name: self", $"- name: \"{name}\""));
        DiagnosticAssert.HasError(result, 18, 11,
            $"options[1].name: '{name}' is not a valid option name (allowed: 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit (it names chart files too))");
        Assert.DoesNotContain(Load(ReplaceLine(Minimal, "- name: self", "- name: 8x.h100_b")).Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_scenario_name_is_at_most_64_characters_as_an_option_name()
    {
        // 300 characters passed validation, and the run then failed making reports/<name> (path too long, exit 1).
        ScenarioLoadResult tooLong = Load(ReplaceLine(Minimal, "name: minimal", "name: " + new string('a', 300)));
        DiagnosticAssert.HasError(tooLong, 1, 7,
            "name: 'aaaaaaaaaaaaaaaaaaaa…' is 300 characters long, too long for a scenario name (allowed: 1 to 64 lowercase letters, digits and '-', starting with a letter or digit (it names the reports folder too))");
        Assert.Null(tooLong.Scenario);

        ScenarioLoadResult longest = Load(ReplaceLine(Minimal, "name: minimal", "name: " + new string('a', 64)));
        Assert.False(longest.HasErrors, string.Join("\n", longest.Diagnostics));
        Assert.Equal(new string('a', 64), longest.Scenario!.Name);
    }

    [Fact]
    public void Baseline_naming_no_option_suggests_one()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "seed:", "seed: 1\nbaseline: apii"));
        Diagnostic d = DiagnosticAssert.HasError(result, 5, 11, "baseline: 'apii' is not the name of an option");
        Assert.Equal("did you mean: api?", d.Allowed);
    }

    [Fact]
    public void Many_errors_in_one_file_are_all_reported()
    {
        string yaml = ReplaceLine(Minimal, "horizon_months:", "horizon_months: 0");
        yaml = ReplaceLine(yaml, "seed:", "seed: -3");
        yaml = ReplaceLine(yaml, "share:", "share: 0.5");
        yaml = ReplaceLine(yaml, "volume:", "volume: {requests_per_day: 1000, growth: {monthly_rat: 0.1}}");
        yaml = ReplaceLine(yaml, "catalog: gpt-4o", "catalog: gpt-4");
        yaml = ReplaceLine(yaml, "gpu:", "gpu: a100");
        yaml = ReplaceLine(yaml, "replicas:", "replicas: 0");
        ScenarioLoadResult result = Load(yaml);
        Assert.Null(result.Scenario);
        DiagnosticAssert.HasError(result.Diagnostics, 3, 17, "horizon_months: 0 is out of range");
        DiagnosticAssert.HasError(result.Diagnostics, 4, 7, "seed: -3 is out of range");
        DiagnosticAssert.HasError(result.Diagnostics, 6, 3, "class shares sum to 0.5");
        DiagnosticAssert.HasError(result.Diagnostics, 11, 45, "unknown key 'workload.volume.growth.monthly_rat' (did you mean: monthly_rate?)");
        DiagnosticAssert.HasError(result.Diagnostics, 16, 14, "unknown api model 'gpt-4'");
        DiagnosticAssert.HasError(result.Diagnostics, 21, 10, "unknown gpu 'a100'");
        DiagnosticAssert.HasError(result.Diagnostics, 23, 15, "options[1].replicas: 0 is out of range (allowed: 1 to 1000)");
        Assert.True(result.Diagnostics.Count >= 8, string.Join("\n", result.Diagnostics));
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList(), result.Diagnostics);
    }

    [Fact]
    public void Catalog_price_for_another_gpu_is_an_error()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "pricing:", "pricing: {catalog: aws-p5-48xlarge-us-east-1}"));
        DiagnosticAssert.HasError(result, 22, 24,
            "options[1].pricing.catalog: price 'aws-p5-48xlarge-us-east-1' is for gpu 'h100-sxm', but this option runs on gpu 'l4'");
    }

    [Fact]
    public void Price_model_the_entry_lacks_names_the_prices_it_has()
    {
        string yaml = ReplaceLine(Minimal, "gpu:", "gpu: h100-sxm");
        yaml = ReplaceLine(yaml, "pricing:", "pricing: {catalog: aws-p5-48xlarge-us-east-1, model: spot}");
        ScenarioLoadResult result = Load(yaml);
        Diagnostic d = DiagnosticAssert.HasError(result, 22, 58, "options[1].pricing.model: price 'aws-p5-48xlarge-us-east-1' has no spot price");
        Assert.Equal("it has: on_demand", d.Allowed);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_gpus_are_an_error()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "model:", "model: llama-3.1-70b"));
        DiagnosticAssert.HasError(result, 21, 10,
            "options[1]: model 'llama-3.1-70b' needs 141.1 GB for bf16 weights but 1 x l4 leave 19.6 GB");
    }

    [Fact]
    public void Weights_are_not_checked_against_a_gpu_count_that_was_refused()
    {
        // gpus_per_replica: 0 also said "needs 141.1 GB … but 1 x l4 leave 19.6 GB", of a replica of the default one GPU.
        ScenarioLoadResult result = Load(ReplaceLine(ReplaceLine(Minimal, "model:", "model: llama-3.1-70b"), "gpu:", "gpu: l4\n    gpus_per_replica: 0"));
        DiagnosticAssert.HasError(result, 22, 23, "options[1].gpus_per_replica: 0 is out of range");
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("needs 141.1 GB", StringComparison.Ordinal));
    }

    [Fact]
    public void Inline_model_inconsistency_is_reported()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "model:", "model: {catalog: llama-3.1-8b, kv_heads: 64}"));
        DiagnosticAssert.HasError(result, 20, 12, "options[1].model: attention_heads (32) must be at least kv_heads (64)");
    }

    [Fact]
    public void Inline_model_missing_fields_are_listed()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "model:", "model: {id: x, params_billion: 1}"));
        foreach (string key in new[] { "layers", "hidden_size", "attention_heads", "kv_heads", "head_dim", "vocab_size" })
        {
            DiagnosticAssert.HasError(result, 20, 12, $"missing required key '{key}' in options[1].model");
        }
    }

    [Theory]
    [InlineData("!!str 3000", "the YAML tag '!!str' is not supported")]
    [InlineData("!custom 3000", "the YAML tag '!custom' is not supported")]
    public void A_yaml_tag_is_refused_not_silently_ignored(string tagged, string expected)
    {
        // Both read as the plain 3000 before, their tags ignored.
        string yaml = ReplaceLine(Minimal, "volume:", $"volume: {{requests_per_day: {tagged}}}");
        ScenarioLoadResult result = Load(yaml);
        Assert.Null(result.Scenario);
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith(expected, StringComparison.Ordinal)
            && d.Message.Contains("so the tag would be ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Lognormal_needs_one_consistent_pair()
    {
        string yaml = ReplaceLine(Minimal, "input_tokens:", "input_tokens: {distribution: lognormal, median: 600, p95: 500}");
        yaml = ReplaceLine(yaml, "output_tokens:", "output_tokens: {distribution: lognormal, mean: 250, median: 200, p95: 900}");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 9, 65, "workload.classes[0].input_tokens: p95 (500) must be greater than median (600)");
        DiagnosticAssert.HasError(result, 10, 22, "workload.classes[0].output_tokens: give either 'mean/sd' or 'median/p95', not both");
        // Its p95 is a key of the other form, not an unknown one (it was listed as unknown, with sd and p95 left out of the keys allowed).
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Lognormal_without_parameters_and_unknown_distribution()
    {
        string yaml = ReplaceLine(Minimal, "input_tokens:", "input_tokens: {distribution: lognormal, max: 0}");
        yaml = ReplaceLine(yaml, "output_tokens:", "output_tokens: {distribution: lognorm, mean: 3}");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 9, 21, "a lognormal distribution needs 'mean' and 'sd', or 'median' and 'p95'");
        DiagnosticAssert.HasError(result, 9, 52, "input_tokens.max: 0 is out of range (allowed: 1 to 2000000)");
        DiagnosticAssert.HasError(result, 10, 37, "unknown distribution 'lognorm' (did you mean: lognormal?)");
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("unknown key"));
    }

    [Fact]
    public void Daily_shape_errors()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000}\n  daily_shape: business"));
        DiagnosticAssert.HasError(result, 12, 16, "workload.daily_shape: unknown daily shape 'business' (did you mean: business_hours?)");

        result = Load(ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000}\n  daily_shape: [1, 2, 3]"));
        DiagnosticAssert.HasError(result, 12, 16, "workload.daily_shape: expected 24 hourly weights, got 3");

        string zeros = string.Join(", ", Enumerable.Repeat("0", 24));
        result = Load(ReplaceLine(Minimal, "volume:", $"volume: {{requests_per_day: 1000}}\n  daily_shape: [{zeros}]"));
        DiagnosticAssert.HasError(result, 12, 16, "the hourly weights are all zero");
    }

    [Fact]
    public void Cv_needs_gamma_and_gamma_needs_cv()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000}\n  arrivals: {process: poisson, cv: 2}"));
        DiagnosticAssert.HasError(result, 12, 36, "workload.arrivals.cv: 'cv' applies only to gamma arrivals");

        result = Load(ReplaceLine(Minimal, "volume:", "volume: {requests_per_day: 1000}\n  arrivals: {process: gamma}"));
        DiagnosticAssert.HasError(result, 12, 13, "missing required key 'cv' in workload.arrivals");
    }

    [Fact]
    public void Start_month_seed_and_currency_formats()
    {
        string yaml = ReplaceLine(Minimal, "start_month:", "start_month: 2027-13");
        yaml = ReplaceLine(yaml, "seed:", "seed: 1.5\ncurrency: EUR");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 2, 14, "start_month: expected a month as YYYY-MM, got '2027-13'");
        DiagnosticAssert.HasError(result, 4, 7, "seed: expected an integer, got '1.5'");
        DiagnosticAssert.HasError(result, 5, 11, "currency: 'EUR' is not supported (allowed: USD)");
    }

    [Fact]
    public void Fixed_and_one_time_cost_forms_are_checked()
    {
        string yaml = ReplaceLine(Minimal, "replicas:",
            "replicas: 1\n    fixed_costs: [{name: a, monthly_usd: 5, ftes: 1}, {name: b, ftes: 1}]\n    one_time_costs: [{name: c, amount_usd: 10, month: 13}]");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.HasError(result, 24, 19, "options[1].fixed_costs[0]: a fixed cost needs either 'monthly_usd', or 'ftes' with 'loaded_salary_per_year_usd'");
        DiagnosticAssert.HasError(result, 24, 55, "missing required key 'loaded_salary_per_year_usd' in options[1].fixed_costs[1]");
        DiagnosticAssert.HasError(result, 25, 55, "options[1].one_time_costs[0].month: 13 is out of range (allowed: 1 to 12)");
    }

    [Fact]
    public void Api_option_without_catalog_needs_its_prices()
    {
        ScenarioLoadResult result = Load(Without(Minimal, "catalog: gpt-4o"));
        DiagnosticAssert.HasError(result, 14, 5, "missing required key 'input_per_million_usd' in options[0]");
        DiagnosticAssert.HasError(result, 14, 5, "missing required key 'output_per_million_usd' in options[0]");
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Keys_of_the_other_option_kind_are_unknown()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "catalog: gpt-4o", "catalog: gpt-4o\n    replicas: 2"));
        DiagnosticAssert.HasError(result, 17, 5, "unknown key 'options[0].replicas'");
    }

    [Fact]
    public void Unknown_option_kind_does_not_also_flag_every_key()
    {
        ScenarioLoadResult result = Load(ReplaceLine(Minimal, "kind: api", "kind: hosted"));
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal("test.yaml:15:11: error: options[0].kind: unknown option kind 'hosted' (allowed: api, self_hosted, hybrid)", d.ToString());
    }

    [Theory]
    [InlineData("", "the file holds no YAML document")]
    [InlineData("# nothing but a comment\n", "the file holds no YAML document")]
    [InlineData("- a\n- b\n", "scenario: expected a mapping, got a list")]
    [InlineData("name: a\n---\nname: b\n", "found a second one here")]
    public void Documents_that_are_not_one_mapping(string yaml, string message)
    {
        ScenarioLoadResult result = Load(yaml);
        Assert.Null(result.Scenario);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains(message));
    }

    [Fact]
    public void Missing_scenario_file_is_a_diagnostic()
    {
        ScenarioLoadResult result = ScenarioLoader.Load("no/such/scenario.yaml", TestFiles.Catalog);
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal("no/such/scenario.yaml:1:1: error: scenario file not found: no/such/scenario.yaml"
            + " (allowed: the path of a scenario file, absolute or relative to the current folder)", d.ToString());
    }
}
