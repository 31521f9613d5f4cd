using Planner.Cli.Commands;
using Planner.Core.Decision;
using Planner.Core.Specs;

namespace Planner.Cli.Tests;

/// <summary>An uncertain input that moves only options the tornado does not compare is warned, at its place in the scenario, to have a $0 swing.</summary>
public sealed class TornadoInputWarningTests
{
    [Fact]
    public void Inputs_of_options_outside_the_comparison_are_warned_with_their_location()
    {
        ScenarioSpec? spec = ScenarioInput.Load(RepoPaths.Scenario("chat-seed-stage.yaml"), null, new StringWriter(), out _);
        Assert.NotNull(spec);
        var tornado = new TornadoResult { Option = "llama-8b-h100", Baseline = "api-gpt-4.1-mini", BaseSavingsUsd = 0, Bars = [] };

        IReadOnlyList<string> warnings = RunCommand.IdleInputs(spec, tornado);

        // The L4 and A10G prices move options the tornado leaves out; growth, API prices, the H100
        // price, answer lengths and the salary (written on the L4 option but aliased into all three) do not.
        Assert.Equal(2, warnings.Count);
        Assert.Matches(@"chat-seed-stage\.yaml:\d+:\d+: warning: uncertainty input 'options\[llama-8b-l4\]\.pricing\.per_gpu_hour_usd' moves only llama-8b-l4, "
            + @"which the tornado does not compare \(it compares llama-8b-h100 with api-gpt-4\.1-mini\): its swing is \$0", warnings[0]);
        Assert.Contains("'options[llama-8b-a10g].pricing.per_gpu_hour_usd' moves only llama-8b-a10g", warnings[1]);
    }
}
