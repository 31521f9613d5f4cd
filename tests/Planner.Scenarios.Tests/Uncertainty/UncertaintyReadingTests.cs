using Planner.Core.Specs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Uncertainty;

/// <summary>The <c>uncertainty</c> section: distributions, paths, and the checks made when the scenario loads.</summary>
public sealed class UncertaintyReadingTests
{
    private static string WithInputs(string scenario, params string[] inputs) =>
        scenario + "\nuncertainty:\n  inputs:\n" + string.Concat(inputs.Select(i => $"    - {i}\n"));

    /// <summary>1-based line and column of the last occurrence of <paramref name="text"/>: the input appended last.</summary>
    private static (int Line, int Column) LastPosition(string yaml, string text)
    {
        string[] lines = yaml.Split('\n');
        int index = Array.FindLastIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return (index + 1, lines[index].LastIndexOf(text, StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void Every_distribution_kind_is_read_with_its_parameters()
    {
        string yaml = WithInputs(Minimal,
            "{path: workload.volume.requests_per_day, distribution: uniform, min: 800, max: 1200, label: daily volume}",
            "{path: slo.ttft_p95_ms, distribution: triangular, min: 800, mode: 1000, max: 1300}",
            "{path: \"options[api].latency.ttft_median_ms\", distribution: pert, min: 300, mode: 400, max: 600}",
            "{path: \"options[api].latency.output_tokens_per_s\", distribution: normal, mean: 80, sd: 5}",
            "{path: \"options[self].pricing.per_gpu_hour_usd\", distribution: lognormal, median: 0.8, p95: 1.2}",
            "{path: \"options[api].input_per_million_usd\", distribution: lognormal, mean: 2.5, sd: 0.5}",
            "{path: \"options[self].replicas\", distribution: discrete, values: [1, 2, 4], weights: [5, 3, 2]}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        IReadOnlyList<UncertainInputSpec> inputs = result.Scenario!.Uncertainty.Inputs;
        Assert.Equal(7, inputs.Count);
        Assert.Equal(1000, result.Scenario.Uncertainty.DefaultSamples);

        Assert.Equal(new DistributionSpec { Kind = DistributionKind.Uniform, Min = 800, Max = 1200 }, inputs[0].Distribution);
        Assert.Equal("daily volume", inputs[0].Label);
        Assert.Equal(InputEffect.Load, inputs[0].Effect);
        (int line, int column) = Position(yaml, "{path: workload.volume");
        Assert.Equal($"test.yaml:{line}:{column}", inputs[0].Location);

        Assert.Equal(new DistributionSpec { Kind = DistributionKind.Triangular, Min = 800, Mode = 1000, Max = 1300 }, inputs[1].Distribution);
        Assert.Equal("slo.ttft_p95_ms", inputs[1].Label);
        Assert.Equal(InputEffect.Physics, inputs[1].Effect);
        Assert.Equal(new DistributionSpec { Kind = DistributionKind.Pert, Min = 300, Mode = 400, Max = 600 }, inputs[2].Distribution);
        Assert.Equal(new DistributionSpec { Kind = DistributionKind.Normal, Mean = 80, StandardDeviation = 5 }, inputs[3].Distribution);

        DistributionSpec byQuantiles = inputs[4].Distribution;
        Assert.Equal(DistributionKind.Lognormal, byQuantiles.Kind);
        Assert.Equal(Math.Log(0.8), byQuantiles.LogMean, 12);
        Assert.Equal(0.8, byQuantiles.Quantile(0.5), 9);
        Assert.Equal(1.2, byQuantiles.Quantile(0.95), 9);
        Assert.Equal(InputEffect.Cost, inputs[4].Effect);

        DistributionSpec byMoments = inputs[5].Distribution;
        Assert.Equal(2.5, byMoments.ExpectedValue, 9);
        Assert.Equal(2.5, byMoments.Mean, 9);
        double variance = (Math.Exp(byMoments.StandardDeviation * byMoments.StandardDeviation) - 1) * 2.5 * 2.5;
        Assert.Equal(0.25, variance, 9);

        DistributionSpec discrete = inputs[6].Distribution;
        Assert.Equal([1.0, 2.0, 4.0], discrete.Values);
        Assert.Equal([0.5, 0.3, 0.2], discrete.Weights);
        Assert.Equal(4, discrete.Quantile(0.9));
    }

    [Fact]
    public void Samples_and_equal_discrete_weights()
    {
        string yaml = Minimal + """

            uncertainty:
              samples: 250
              inputs:
                - {path: "options[self].replicas", distribution: discrete, values: [1, 3]}
            """;

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        Assert.Equal(250, result.Scenario!.Uncertainty.DefaultSamples);
        Assert.Equal([0.5, 0.5], result.Scenario.Uncertainty.Inputs[0].Distribution.Weights);
    }

    [Fact]
    public void A_scenario_without_the_new_sections_has_their_defaults()
    {
        ScenarioLoadResult result = TestFiles.Load(Minimal);

        DiagnosticAssert.Clean(result);
        Assert.Empty(result.Scenario!.Uncertainty.Inputs);
        Assert.Equal(1000, result.Scenario.Uncertainty.DefaultSamples);
        Assert.Empty(result.Scenario.PriceEvents);
        Assert.Equal(0.10, result.Scenario.Finance.DiscountRatePerYear);
        Assert.NotNull(result.Variants);
        Assert.Same(result.Scenario, result.Variants!.Base);
    }

    [Theory]
    [InlineData("{path: slo.ttft_p95_ms, distribution: triangular, min: 800, mode: 1400, max: 1300}", "1300}", "max (1300) must be at least mode (1400)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: triangular, min: 800, mode: 700, max: 1300}", "700,", "mode (700) must be at least min (800)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: pert, min: 800, mode: 800, max: 800}", "800}", "max (800) must be greater than min (800)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: uniform, min: 900, max: 800}", "800}", "max (800) must be greater than min (900)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: normal, mean: 1000, sd: 0}", "0}", "uncertainty.inputs[0].sd: 0 is out of range (allowed: > 0)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: lognormal, median: 1000, p95: 900}", "900}", "p95 (900) must be greater than median (1000)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: lognormal, median: 0, p95: 900}", "0, p95", "median: 0 is out of range (allowed: > 0)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: lognormal, median: 1000, sd: 9}", "{path: slo", "give either 'mean/sd' or 'median/p95', not both")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: discrete, values: [900, 1000], weights: [1]}", "[1]", "2 values but 1 weights")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: discrete, values: [900, 1000], weights: [0, 0]}", "[0, 0]", "the weights add up to 0")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: discrete, values: [900, 1000], weights: [1, -1]}", "-1]", "weights[1]: -1 is out of range (allowed: >= 0)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: discrete, values: []}", "[]", "uncertainty.inputs[0].values: the list is empty")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: trianglar, min: 1, mode: 2, max: 3}", "trianglar", "unknown distribution 'trianglar' (did you mean: triangular?)")]
    [InlineData("{path: slo.ttft_p95_ms, distribution: uniform, min: 800, mode: 900, max: 1300}", "mode: 900", "unknown key 'uncertainty.inputs[0].mode'")]
    [InlineData("{distribution: uniform, min: 800, max: 1300}", "{distribution: uniform", "missing required key 'path' in uncertainty.inputs[0]")]
    public void Bad_parameters_are_errors_at_their_place(string input, string at, string message)
    {
        string yaml = WithInputs(Minimal, input);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = LastPosition(yaml, at);
        DiagnosticAssert.HasError(result, line, column, message);
        Assert.Null(result.Variants);
    }

    [Theory]
    [InlineData("options[api].latency.ttft_p59_ms", "no key 'ttft_p59_ms' in options[api].latency (did you mean: ttft_p95_ms?)")]
    [InlineData("options[apii].latency.ttft_p95_ms", "no item named 'apii' in options (did you mean: api?)")]
    [InlineData("workload.volume.requests_per_dy", "no key 'requests_per_dy' in workload.volume (did you mean: requests_per_day?)")]
    [InlineData("worklaod.volume.requests_per_day", "no key 'worklaod' at the top level (did you mean: workload?)")]
    [InlineData("options[self].pricing.price_per_gpu_hour_usd", "no key 'price_per_gpu_hour_usd' in options[self].pricing (allowed: catalog, per_gpu_hour_usd, per_instance_hour_usd, gpus_per_instance)")]
    [InlineData("options[api].rate_limits.rpm", "no key 'rate_limits' in options[api]")]
    [InlineData("options[7].replicas", "options has 2 items, so there is no [7] (allowed: 0 to 1)")]
    [InlineData("options.replicas", "options is a list, not a mapping (allowed: a list item as [name] or [index])")]
    [InlineData("slo[0].ttft_p95_ms", "slo is a mapping, not a list")]
    [InlineData("options[api].catalog", "'options[api].catalog' addresses 'gpt-4o', not a number the scenario reads")]
    [InlineData("options[api].latency", "addresses a mapping, not a number")]
    [InlineData("seed", "'seed' addresses '1', not a number the scenario reads")]
    [InlineData("options[api.latency.ttft_p95_ms", "is not a valid path (allowed: keys separated by '.'")]
    [InlineData("slo..ttft_p95_ms", "'slo..ttft_p95_ms' is not a valid path")]
    [InlineData("horizon_months", "cannot be uncertain: every sample shares the projection's timeline")]
    [InlineData("uncertainty.samples", "cannot be uncertain")]
    public void Paths_that_address_no_number_are_errors_at_the_path(string path, string message)
    {
        string yaml = WithInputs(Minimal, $"{{path: \"{path}\", distribution: uniform, min: 1, max: 2}}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = Position(yaml, $"\"{path}\"");
        DiagnosticAssert.HasError(result, line, column, message);
    }

    [Fact]
    public void The_same_value_twice_is_an_error_whatever_the_spelling()
    {
        string yaml = WithInputs(Minimal,
            "{path: slo.ttft_p95_ms, distribution: uniform, min: 900, max: 1100}",
            "{path: \"options[self].replicas\", distribution: discrete, values: [1, 2]}",
            "{path: \"slo.ttft_p95_ms\", distribution: uniform, min: 900, max: 1200}",
            "{path: \"options[1].replicas\", distribution: discrete, values: [1, 3]}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int firstLine, int firstColumn) = Position(yaml, "{path: slo.ttft_p95_ms");
        (int line, int column) = Position(yaml, "\"slo.ttft_p95_ms\"");
        DiagnosticAssert.HasError(result, line, column,
            $"uncertainty.inputs[2].path: 'slo.ttft_p95_ms' addresses the same value as uncertainty.inputs[0] ('slo.ttft_p95_ms') (first given at {firstLine}:{firstColumn})");
        (line, column) = Position(yaml, "\"options[1].replicas");
        DiagnosticAssert.HasError(result, line, column, "'options[1].replicas' addresses the same value as uncertainty.inputs[1] ('options[self].replicas')");
    }

    [Fact]
    public void Items_with_the_same_name_must_be_addressed_by_index()
    {
        string yaml = ReplaceLine(Minimal, "replicas: 1", """
            replicas: 1
                fixed_costs:
                  - {name: ops, monthly_usd: 100}
                  - {name: ops, monthly_usd: 200}
            """) + "\nuncertainty:\n  inputs:\n"
            + "    - {path: \"options[self].fixed_costs[ops].monthly_usd\", distribution: uniform, min: 1, max: 2}\n"
            + "    - {path: \"options[self].fixed_costs[1].monthly_usd\", distribution: uniform, min: 150, max: 250}\n";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = Position(yaml, "\"options[self].fixed_costs[ops]");
        DiagnosticAssert.HasError(result, line, column, "2 items in options[self].fixed_costs are named 'ops' (allowed: address the item by its index, for example [0])");
        Assert.Single(result.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_normal_max_replicas_that_reaches_below_one_is_an_error_at_the_input()
    {
        string yaml = Full + "\nuncertainty:\n  inputs:\n"
            + "    - {path: \"options[llama-8b-l4].autoscaler.max_replicas\", distribution: normal, mean: 10, sd: 4}\n";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = Position(yaml, "{path: \"options[llama-8b-l4]");
        DiagnosticAssert.HasError(result, line, column,
            "uncertainty.inputs[0]: values of options[llama-8b-l4].autoscaler.max_replicas down to -2.36093 (read as -2) are not allowed: options[1].autoscaler.max_replicas: -2 is out of range (allowed: 1 to 1000)");
        Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Null(result.Variants);
    }

    [Fact]
    public void The_high_end_of_a_range_is_checked_too()
    {
        // A time-to-first-token median of up to 1,300 ms would reach the p95 of 1,200 ms the option states.
        string yaml = WithInputs(Minimal, "{path: \"options[api].latency.ttft_median_ms\", distribution: uniform, min: 300, max: 1300}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = Position(yaml, "{path: \"options[api].latency");
        DiagnosticAssert.HasError(result, line, column,
            "uncertainty.inputs[0]: values of options[api].latency.ttft_median_ms up to 1300 are not allowed: options[0].latency: ttft_p95_ms (1200) must be greater than ttft_median_ms (1300)");
    }

    [Fact]
    public void Re_reads_add_no_warnings_of_their_own()
    {
        string yaml = WithInputs(Full,
            "{path: \"options[api-gpt-4o-mini].output_per_million_usd\", distribution: uniform, min: 0.5, max: 0.7}",
            "{path: \"options[llama-8b-l4].pricing.per_gpu_hour_usd\", distribution: uniform, min: 0.5, max: 0.9}");

        ScenarioLoadResult withInputs = TestFiles.Load(yaml);
        ScenarioLoadResult without = TestFiles.Load(Full);

        DiagnosticAssert.Clean(withInputs);
        Assert.Equal(without.Diagnostics, withInputs.Diagnostics);
    }

    [Fact]
    public void Keys_under_a_merge_key_are_found_as_the_reader_finds_them()
    {
        string yaml = ReplaceLine(Minimal, "latency:", "latency: &latency {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}")
            .Replace("    replicas: 1", "    replicas: 1\n  - name: api2\n    kind: api\n    catalog: gpt-4o\n    latency: {<<: *latency, ttft_p95_ms: 1500}")
            + "\nuncertainty:\n  inputs:\n"
            + "    - {path: \"options[api2].latency.output_tokens_per_s\", distribution: uniform, min: 70, max: 90}\n";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        Assert.Equal(3, result.Scenario!.Options.Count);
    }
}
