using Planner.Core.Specs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

public sealed class YamlFeatureTests
{
    [Fact]
    public void Anchors_and_merge_keys_share_settings_and_explicit_keys_win()
    {
        string yaml = ReplaceLine(Minimal, "replicas: 1",
            "autoscaler: &scale {min_replicas: 1, max_replicas: 8, target: 16, cold_start_s: 240}\n" +
            "  - name: self-2\n" +
            "    kind: self_hosted\n" +
            "    model: llama-3.1-8b\n" +
            "    gpu: l4\n" +
            "    pricing: {catalog: aws-g6-xlarge-us-east-1}\n" +
            "    autoscaler: {<<: *scale, max_replicas: 16}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        var first = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
        var second = Assert.IsType<SelfHostedOptionSpec>(result.Scenario.Options[2]);
        Assert.Equal(8, first.Autoscaler!.MaxReplicas);
        Assert.Equal(16, second.Autoscaler!.MaxReplicas);
        Assert.Equal(first.Autoscaler with { MaxReplicas = 16 }, second.Autoscaler);
    }

    [Fact]
    public void Merging_a_scalar_is_an_error()
    {
        ScenarioLoadResult result = TestFiles.Load(ReplaceLine(Minimal, "slo:", "slo: {<<: 5, ttft_p95_ms: 1000}"));
        DiagnosticAssert.HasError(result, 12, 11, "slo.<<: expected an anchored mapping to merge, got '5'");
    }

    [Fact]
    public void Quoted_numbers_and_block_styles_are_accepted()
    {
        string yaml = ReplaceLine(Minimal, "seed:", "seed: \"7\"");
        yaml = ReplaceLine(yaml, "slo:", "slo:\n  ttft_p95_ms: 1.5e3");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.Equal(7UL, result.Scenario!.Seed);
        Assert.Equal(1500, result.Scenario.Slo.TtftP95Ms);
    }

    [Fact]
    public void A_merged_mapping_that_merges_another_brings_in_every_key()
    {
        string yaml = ReplaceLine(Minimal, "slo:", "slo: {<<: &b {<<: &a {ttft_p95_ms: 700, tpot_p95_ms: 90}, e2e_p99_ms: 20000}}");
        yaml = ReplaceLine(yaml, "replicas: 1", "autoscaler: {<<: &d {<<: &c {min_replicas: 1, max_replicas: 3, target: 8}, cold_start_s: 60}}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.Equal(700, result.Scenario!.Slo.TtftP95Ms);
        Assert.Equal(90, result.Scenario.Slo.TpotP95Ms);
        Assert.Equal(20000, result.Scenario.Slo.E2eP99Ms);
        var self = Assert.IsType<SelfHostedOptionSpec>(result.Scenario.Options[1]);
        Assert.Equal((1, 3, 8.0, 60.0), (self.Autoscaler!.MinReplicas, self.Autoscaler.MaxReplicas, self.Autoscaler.TargetValue, self.Autoscaler.ColdStartSeconds));
    }

    [Fact]
    public void Keys_nearer_the_mapping_win_over_keys_merged_from_further_away()
    {
        string yaml = ReplaceLine(Minimal, "slo:", "slo: {<<: [&b {<<: &a {ttft_p95_ms: 1, tpot_p95_ms: 2}, ttft_p95_ms: 3}, {tpot_p95_ms: 4, e2e_p99_ms: 5}], e2e_p99_ms: 6}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.Equal((3.0, 2.0, 6.0), (result.Scenario!.Slo.TtftP95Ms!.Value, result.Scenario.Slo.TpotP95Ms!.Value, result.Scenario.Slo.E2eP99Ms!.Value));
    }

    [Fact]
    public void A_scalar_merged_two_levels_down_is_located()
    {
        ScenarioLoadResult result = TestFiles.Load(ReplaceLine(Minimal, "slo:", "slo: {<<: {<<: 5, ttft_p95_ms: 1000}}"));
        DiagnosticAssert.HasError(result, 12, 16, "slo.<<: expected an anchored mapping to merge, got '5'");
    }
}
