using Planner.Scenarios.Uncertainty;

namespace Planner.Scenarios.Tests.Uncertainty;

/// <summary>The path syntax of uncertain inputs.</summary>
public sealed class InputPathTests
{
    [Fact]
    public void Keys_names_and_indexes_are_told_apart()
    {
        InputPath path = InputPath.Parse("options[api-gpt-4.1-mini].fixed_costs[0].ftes")!;

        Assert.Equal(
            [new InputPathStep("options", null, null), new InputPathStep(null, "api-gpt-4.1-mini", null),
             new InputPathStep("fixed_costs", null, null), new InputPathStep(null, null, 0), new InputPathStep("ftes", null, null)],
            path.Steps);
        Assert.Equal(["options", "fixed_costs", "ftes"], path.Keys);
        Assert.Equal("options[api-gpt-4.1-mini].fixed_costs", path.Prefix(3));
    }

    [Fact]
    public void Names_may_hold_spaces_and_dots()
    {
        InputPath path = InputPath.Parse("options[x].fixed_costs[inference platform engineer v2.1].monthly_usd")!;

        Assert.Equal("inference platform engineer v2.1", path.Steps[3].ItemName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".slo")]
    [InlineData("slo.")]
    [InlineData("slo..ttft_p95_ms")]
    [InlineData("options[x")]
    [InlineData("options[]")]
    [InlineData("options[x]ttft")]
    [InlineData("[0].name")]
    [InlineData("slo]")]
    public void Malformed_paths_do_not_parse(string text) => Assert.Null(InputPath.Parse(text));
}
