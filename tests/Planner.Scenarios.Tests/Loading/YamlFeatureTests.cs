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
}
