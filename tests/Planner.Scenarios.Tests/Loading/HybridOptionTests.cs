using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Options of kind <c>hybrid</c>: a self-hosted part and an API part read by the readers of those kinds.</summary>
public sealed class HybridOptionTests
{
    /// <summary>Appended to <see cref="SampleScenarios.Minimal"/> as options[2].</summary>
    private const string Hybrid = """
          - name: hyb
            kind: hybrid
            self_hosted:
              model: llama-3.1-8b
              gpu: l4
              pricing: {catalog: aws-g6-xlarge-us-east-1}
              router: round_robin
              autoscaler: {min_replicas: 1, max_replicas: 4, metric: queue_wait, target: 1}
              spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1}, interruptions_per_hour: 0.05}
            api:
              catalog: gpt-4o
              latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}
              rate_limits: {rpm: 500}
            overflow_queue_wait_s: 2.0
            compliance_share: 0.3
            outage_failover: queue
            fixed_costs: [{name: ops, monthly_usd: 100}]
            one_time_costs: [{name: setup, amount_usd: 5000, month: 2}]
        """;

    // The self-hosted option carries as many costs as the hybrid, so that no warning about forgotten costs joins the diagnostics.
    private static string WithHybrid() =>
        Minimal + "\n    fixed_costs: [{name: operations, monthly_usd: 100}]\n    one_time_costs: [{name: migration, amount_usd: 5000}]\n" + Hybrid;

    /// <summary>Replaces the first line of the hybrid option (options[2]) that starts with <paramref name="lineStart"/>, keeping its indentation.</summary>
    private static string InHybrid(string lineStart, string replacement, string? yaml = null)
    {
        string[] lines = (yaml ?? WithHybrid()).Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimStart() == "- name: hyb");
        int index = Array.FindIndex(lines, start, l => l.TrimStart().StartsWith(lineStart, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ArgumentException($"no line starting with '{lineStart}' in the hybrid option");
        }
        string indent = lines[index][..(lines[index].Length - lines[index].TrimStart().Length)];
        lines[index] = indent + replacement;
        return string.Join('\n', lines);
    }

    private static ScenarioLoadResult Load(string yaml) => TestFiles.Load(yaml);

    private static string Without(string yaml, string lineStart) =>
        string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith(lineStart, StringComparison.Ordinal)));

    [Fact]
    public void Hybrid_option_is_read_with_both_parts()
    {
        ScenarioLoadResult result = Load(WithHybrid());
        DiagnosticAssert.Clean(result);
        var hybrid = Assert.IsType<HybridOptionSpec>(result.Scenario!.Options[2]);
        Assert.Equal("hyb", hybrid.Name);
        Assert.Equal("hybrid", hybrid.Kind);
        Assert.Equal(2.0, hybrid.OverflowQueueWaitSeconds);
        Assert.Equal(0.3, hybrid.ComplianceShare);
        Assert.Equal(HybridOutageFailover.Queue, hybrid.OutageFailover);
        Assert.Equal([new FixedCostSpec { Name = "ops", MonthlyUsd = 100 }], hybrid.FixedMonthlyCosts);
        Assert.Equal([new OneTimeCostSpec { Name = "setup", AmountUsd = 5000, Month = 2 }], hybrid.OneTimeCosts);

        SelfHostedOptionSpec primary = hybrid.Primary;
        Assert.Equal("hyb/self_hosted", primary.Name);
        Assert.Equal("llama-3.1-8b", primary.Model.Id);
        Assert.Equal("l4", primary.Gpu.Id);
        Assert.Equal(0.8048, primary.Pricing.PricePerGpuHourUsd);
        Assert.Equal(RouterPolicy.RoundRobin, primary.Router);
        Assert.Equal(AutoscalerMetric.QueueWait, primary.Autoscaler!.Metric);
        Assert.Equal(128.03, primary.Autoscaler.ColdStartSeconds, 12);
        Assert.Equal(0.35, primary.Spot!.PricePerGpuHourUsd);
        Assert.Empty(primary.FixedMonthlyCosts);
        Assert.Empty(primary.OneTimeCosts);

        ApiOptionSpec overflow = hybrid.Overflow;
        Assert.Equal("hyb/api", overflow.Name);
        Assert.Equal("gpt-4o", overflow.Model);
        Assert.Equal(2.50, overflow.PricePerMillionInputTokensUsd);
        Assert.Equal(500, overflow.RateLimits.RequestsPerMinute);
        Assert.Empty(overflow.FixedMonthlyCosts);
    }

    [Fact]
    public void Hybrid_defaults()
    {
        string yaml = Without(Without(Without(Without(WithHybrid(), "compliance_share:"), "outage_failover:"), "fixed_costs:"), "one_time_costs:");
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.Clean(result);
        var hybrid = Assert.IsType<HybridOptionSpec>(result.Scenario!.Options[2]);
        Assert.Equal(0, hybrid.ComplianceShare);
        Assert.Equal(HybridOutageFailover.SelfHosted, hybrid.OutageFailover);
        Assert.Empty(hybrid.FixedMonthlyCosts);
        Assert.Empty(hybrid.OneTimeCosts);
    }

    [Fact]
    public void Standalone_options_still_carry_their_costs()
    {
        ScenarioLoadResult result = TestFiles.Load(SampleScenarios.Full);
        DiagnosticAssert.Clean(result);
        Assert.Equal(2, result.Scenario!.Options[0].FixedMonthlyCosts.Count);
        Assert.Single(result.Scenario.Options[0].OneTimeCosts);
    }

    [Fact]
    public void Sources_of_the_parts_have_their_paths()
    {
        ScenarioLoadResult result = Load(WithHybrid());
        DiagnosticAssert.Clean(result);
        string[] paths = result.Scenario!.Sources.Select(x => x.Path).Where(p => p.StartsWith("options[2]", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "options[2].self_hosted.model",
            "options[2].self_hosted.gpu",
            "options[2].self_hosted.pricing",
            "options[2].self_hosted.spot.price",
            "options[2].api.input_per_million_usd",
            "options[2].api.output_per_million_usd",
            "options[2].api.cached_input_per_million_usd",
        ], paths);
    }

    [Fact]
    public void Missing_parts_are_reported_at_the_option()
    {
        string yaml = Minimal + "\n  - {name: hyb, kind: hybrid}";
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "{name: hyb");
        DiagnosticAssert.HasError(result, line, column, "missing required key 'self_hosted' in options[2]");
        DiagnosticAssert.HasError(result, line, column, "missing required key 'api' in options[2]");
        DiagnosticAssert.HasError(result, line, column, "missing required key 'overflow_queue_wait_s' in options[2]");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Parts_must_be_mappings()
    {
        string yaml = InHybrid("api:", "api: gpt-4o");
        yaml = InHybrid("catalog: gpt-4o", "# no catalog", yaml);
        yaml = InHybrid("latency:", "# no latency", yaml);
        yaml = InHybrid("rate_limits:", "# no limits", yaml);
        yaml = InHybrid("self_hosted:", "self_hosted: [l4]", yaml);
        foreach (string key in new[] { "model:", "gpu:", "pricing:", "router:", "autoscaler:", "spot:" })
        {
            yaml = InHybrid(key, "# removed", yaml);
        }
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "api: gpt-4o");
        DiagnosticAssert.HasError(result, line, column + "api: ".Length, "options[2].api: expected a mapping, got 'gpt-4o'");
        (line, column) = Position(yaml, "self_hosted: [l4]");
        DiagnosticAssert.HasError(result, line, column + "self_hosted: ".Length, "options[2].self_hosted: expected a mapping, got a list");
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Errors_inside_a_part_have_the_part_in_their_path()
    {
        string yaml = InHybrid("gpu: l4", "gpu: h10");
        yaml = InHybrid("latency:", "latency: {ttft_median_ms: 400, ttft_p95_ms: 300, output_tokens_per_s: 80}", yaml);
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "h10");
        Diagnostic gpu = DiagnosticAssert.HasError(result, line, column, "options[2].self_hosted.gpu: unknown gpu 'h10'");
        Assert.Equal("did you mean: h100-sxm, h100-pcie, h200?", gpu.Allowed);
        (line, column) = Position(yaml, "ttft_p95_ms: 300");
        DiagnosticAssert.HasError(result, line, column + "ttft_p95_ms: ".Length,
            "options[2].api.latency: ttft_p95_ms (300) must be greater than ttft_median_ms (400)");
    }

    [Fact]
    public void Unknown_keys_inside_the_parts_suggest_close_ones()
    {
        string yaml = InHybrid("router:", "routr: round_robin");
        yaml = InHybrid("rate_limits:", "rate_limit: {rpm: 500}", yaml);
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "routr");
        Diagnostic router = DiagnosticAssert.HasError(result, line, column, "unknown key 'options[2].self_hosted.routr'");
        Assert.Equal("did you mean: router?", router.Allowed);
        (line, column) = Position(yaml, "rate_limit:");
        Diagnostic limits = DiagnosticAssert.HasError(result, line, column, "unknown key 'options[2].api.rate_limit'");
        Assert.Equal("did you mean: rate_limits?", limits.Allowed);
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Keys_of_the_option_as_a_whole_do_not_belong_in_a_part()
    {
        string yaml = InHybrid("router:", "fixed_costs: [{name: ops, monthly_usd: 100}]");
        yaml = InHybrid("rate_limits:", "name: overflow", yaml);
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "fixed_costs: [{name: ops, monthly_usd: 100}]");
        DiagnosticAssert.HasError(result, line, column,
            "options[2].self_hosted.fixed_costs: 'fixed_costs' belongs to the hybrid option itself, not to its self_hosted part");
        (line, column) = Position(yaml, "name: overflow");
        DiagnosticAssert.HasError(result, line, column, "options[2].api.name: 'name' belongs to the hybrid option itself, not to its api part");
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("unknown key"));
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Keys_of_a_part_at_the_hybrid_level_are_unknown()
    {
        string yaml = InHybrid("compliance_share:", "compliance_share: 0.3\n    replicas: 2\n    overflow_queue_wait: 1");
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "replicas: 2");
        DiagnosticAssert.HasError(result, line, column, "unknown key 'options[2].replicas'");
        (line, column) = Position(yaml, "overflow_queue_wait:");
        Diagnostic d = DiagnosticAssert.HasError(result, line, column, "unknown key 'options[2].overflow_queue_wait'");
        Assert.Equal("did you mean: overflow_queue_wait_s?", d.Allowed);
    }

    [Theory]
    [InlineData("overflow_queue_wait_s: -1", "options[2].overflow_queue_wait_s: -1 is out of range (allowed: 0 to 86400)", "allowed: 0 to 86400")]
    [InlineData("compliance_share: 1.5", "options[2].compliance_share: 1.5 is out of range (allowed: 0 to 1)", "allowed: 0 to 1")]
    [InlineData("outage_failover: api", "options[2].outage_failover: unknown outage failover 'api'", "allowed: self_hosted, queue")]
    [InlineData("outage_failover: selfhosted", "options[2].outage_failover: unknown outage failover 'selfhosted'", "did you mean: self_hosted?")]
    public void Hybrid_settings_are_checked(string line, string message, string? allowed)
    {
        string key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        string yaml = InHybrid(key + ":", line);
        ScenarioLoadResult result = Load(yaml);
        (int l, int column) = Position(yaml, line);
        Diagnostic d = DiagnosticAssert.HasError(result, l, column + key.Length + 2, message);
        Assert.Equal(allowed, d.Allowed);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Self_hosted_part_needs_replicas_or_autoscaler_and_checks_weights()
    {
        string yaml = InHybrid("autoscaler:", "# no autoscaler", Without(WithHybrid(), "spot:"));
        yaml = InHybrid("model: llama-3.1-8b", "model: llama-3.1-70b", yaml);
        ScenarioLoadResult result = Load(yaml);
        (int line, int column) = Position(yaml, "model: llama-3.1-70b");
        DiagnosticAssert.HasError(result, line, column, "options[2].self_hosted: give 'replicas' (a fixed count) or 'autoscaler'");
        // The weights check points at the gpu value, on the next line.
        DiagnosticAssert.HasError(result, line + 1, column + "gpu: ".Length,
            "options[2].self_hosted: model 'llama-3.1-70b' needs 141.1 GB for bf16 weights but 1 x l4 leave 19.6 GB");
    }

    [Fact]
    public void Stale_prices_in_the_parts_warn_with_the_part_name()
    {
        string yaml = InHybrid("catalog: gpt-4o", "input_per_million_usd: 1\n      output_per_million_usd: 2");
        yaml = InHybrid("pricing:", "pricing: {per_gpu_hour_usd: 0.9, gpus_per_instance: 1, as_of: 2024-01-01}", yaml);
        ScenarioLoadResult result = Load(yaml);
        DiagnosticAssert.Clean(result);
        Diagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Contains("price 'hyb/self_hosted' is from 2024-01-01", warning.Message);
        var hybrid = Assert.IsType<HybridOptionSpec>(result.Scenario!.Options[2]);
        Assert.Equal("hyb/api", hybrid.Overflow.Model);
        Assert.Equal(1, hybrid.Overflow.PricePerMillionInputTokensUsd);
    }
}
