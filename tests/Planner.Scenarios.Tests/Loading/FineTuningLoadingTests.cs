using Planner.Core.Specs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>An option's <c>fine_tuning</c> list: values, defaults, derived throughput and located errors.</summary>
public sealed class FineTuningLoadingTests
{
    /// <summary>Appended to the self-hosted option (options[1]) of <see cref="SampleScenarios.Minimal"/>.</summary>
    private const string Jobs = """
            fine_tuning:
              - name: monthly refresh
                dataset_tokens: 200000000
                epochs: 3
                gpu: h100-sxm
                gpus: 8
                price_per_gpu_hour_usd: 2.99
                tokens_per_second: 12000
                failure_rate_per_gpu_hour: 0.002
                checkpoint_interval_min: 60
                checkpoint_write_s: 120
                restart_overhead_s: 240
                month: 2
                every_months: 3
              - name: derived
                dataset_tokens: 1000000000
                gpu: {catalog: h100-sxm}
                gpus: 4
                pricing: {catalog: aws-p5-48xlarge-us-east-1, model: on_demand}
                efficiency: 0.5
                failure_rate_per_gpu_hour: 0.001
                checkpoint_interval_min: 30
                checkpoint_write_s: 60
        """;

    private static string WithJobs(string? jobs = null) => Minimal.TrimEnd('\n') + "\n" + (jobs ?? Jobs);

    [Fact]
    public void Jobs_are_read_with_their_values_and_defaults()
    {
        ScenarioLoadResult result = TestFiles.Load(WithJobs());
        DiagnosticAssert.Clean(result);
        OptionSpec option = result.Scenario!.Options[1];
        Assert.Empty(result.Scenario.Options[0].FineTuningJobs);
        Assert.Equal(2, option.FineTuningJobs.Count);

        FineTuningJobSpec a = option.FineTuningJobs[0];
        Assert.Equal("monthly refresh", a.Name);
        Assert.Equal(2e8, a.DatasetTokens);
        Assert.Equal(3, a.Epochs);
        Assert.Equal("h100-sxm", a.Gpu.Id);
        Assert.Equal(8, a.GpuCount);
        Assert.Equal(2.99, a.PricePerGpuHourUsd);
        Assert.Equal(12000, a.TokensPerSecond);
        Assert.Null(a.ModelActiveParamsBillion);
        Assert.Equal(0.002, a.FailuresPerGpuHour);
        Assert.Equal(3600, a.CheckpointIntervalSeconds);
        Assert.Equal(120, a.CheckpointWriteSeconds);
        Assert.Equal(240, a.RestartOverheadSeconds);
        Assert.Equal(2, a.Month);
        Assert.Equal(3, a.EveryMonths);
        Assert.Equal(50_000, a.WorkSeconds, 9); // 6e8 tokens at 12,000 tokens/s

        FineTuningJobSpec b = option.FineTuningJobs[1];
        Assert.Equal(1, b.Epochs);
        Assert.Equal(6.88, b.PricePerGpuHourUsd);
        Assert.Equal(8.03, b.ModelActiveParamsBillion); // the option's model
        Assert.Equal(0.5, b.Efficiency);
        Assert.Equal(300, b.RestartOverheadSeconds);
        Assert.Equal(1, b.Month);
        Assert.Null(b.EveryMonths);
        // 4 × 989 TFLOPS × 0.5 / (6 × 8.03e9 FLOPs per token) = 41,054.4 tokens/s.
        Assert.Equal(41_054.4, b.EffectiveTokensPerSecond, 0.1);
    }

    [Fact]
    public void An_api_option_needs_a_throughput_or_a_model_of_its_own()
    {
        string yaml = Minimal.Replace(
            "    latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}\n",
            "    latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}\n" +
            "    fine_tuning:\n" +
            "      - {name: ft, dataset_tokens: 1e9, gpu: h100-sxm, price_per_gpu_hour_usd: 3, failure_rate_per_gpu_hour: 0, checkpoint_interval_min: 60, checkpoint_write_s: 60}\n",
            StringComparison.Ordinal);
        (int line, int column) = Position(yaml, "{name: ft");
        DiagnosticAssert.HasError(TestFiles.Load(yaml), line, column, "options[0].fine_tuning[0]: give 'tokens_per_second', or a 'model'");

        ScenarioLoadResult withModel = TestFiles.Load(yaml.Replace("{name: ft,", "{name: ft, model: llama-3.1-8b,", StringComparison.Ordinal));
        DiagnosticAssert.Clean(withModel);
        Assert.Equal(8.03, withModel.Scenario!.Options[0].FineTuningJobs[0].ModelActiveParamsBillion);
    }

    [Theory]
    [InlineData("epochs: 3", "epochs: 0", "0", "options[1].fine_tuning[0].epochs")]
    [InlineData("efficiency: 0.5", "efficiency: 1.5", "1.5", "options[1].fine_tuning[1].efficiency")]
    [InlineData("failure_rate_per_gpu_hour: 0.002", "failure_rate_per_gpu_hour: -1", "-1", "failure_rate_per_gpu_hour")]
    [InlineData(" month: 2", " month: 13", "13", "options[1].fine_tuning[0].month")]
    [InlineData("gpu: h100-sxm", "gpu: h100-sx", "h100-sx", "unknown gpu")]
    [InlineData("checkpoint_write_s: 120", "checkpoint_write_s: soon", "soon", "checkpoint_write_s")]
    [InlineData("every_months: 3", "every_monthz: 3", "every_monthz", "every_months")]
    public void Bad_values_are_reported_at_their_line_and_column(string line, string replacement, string at, string messagePart)
    {
        string yaml = ReplaceFirst(WithJobs(), line, replacement);
        (int l, int c) = Position(yaml, replacement);
        DiagnosticAssert.HasError(TestFiles.Load(yaml), l, c + replacement.IndexOf(at, StringComparison.Ordinal), messagePart);
    }

    [Fact]
    public void Price_is_given_one_way_only()
    {
        string both = ReplaceFirst(WithJobs(), "tokens_per_second: 12000", "tokens_per_second: 12000\n        pricing: {catalog: aws-p5-48xlarge-us-east-1}");
        (int l, int c) = Position(both, "pricing: {catalog: aws-p5");
        DiagnosticAssert.HasError(TestFiles.Load(both), l, c, "give either 'price_per_gpu_hour_usd' or 'pricing'");

        string neither = ReplaceFirst(WithJobs(), "price_per_gpu_hour_usd: 2.99", "");
        (l, c) = Position(neither, "name: monthly refresh");
        DiagnosticAssert.HasError(TestFiles.Load(neither), l, c, "one of 'price_per_gpu_hour_usd' or 'pricing' is required");
    }

    [Fact]
    public void Efficiency_only_goes_with_a_derived_throughput()
    {
        string yaml = ReplaceFirst(WithJobs(), "tokens_per_second: 12000", "tokens_per_second: 12000\n        efficiency: 0.3");
        (int l, int c) = Position(yaml, "efficiency: 0.3");
        DiagnosticAssert.HasError(TestFiles.Load(yaml), l, c, "give either 'tokens_per_second' or 'efficiency'");
    }

    [Fact]
    public void The_documented_example_loads()
    {
        string readme = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "README.md")).Replace("\r\n", "\n");
        int section = readme.IndexOf("### Fine-tuning runs", StringComparison.Ordinal);
        int start = readme.IndexOf("```yaml\n", section, StringComparison.Ordinal) + "```yaml\n".Length;
        string block = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        string indented = string.Join('\n', block.Split('\n').Select(l => "    " + l)) + "\n";

        ScenarioLoadResult result = TestFiles.Load(WithJobs(indented));

        DiagnosticAssert.Clean(result);
        FineTuningJobSpec job = Assert.Single(result.Scenario!.Options[1].FineTuningJobs);
        Assert.Equal(3600, job.CheckpointIntervalSeconds);
        Assert.Equal(1, job.EveryMonths);
    }

    /// <summary>Replaces the first occurrence of <paramref name="old"/> (the text after it on its line is kept).</summary>
    private static string ReplaceFirst(string yaml, string old, string replacement)
    {
        int index = yaml.IndexOf(old, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{old}' not in the scenario");
        return yaml[..index] + replacement + yaml[(index + old.Length)..];
    }
}
