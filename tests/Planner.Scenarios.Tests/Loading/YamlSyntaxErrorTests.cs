using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// YAML syntax errors whose wording or position YamlDotNet gets wrong for a user: each is one
/// error, at the character to fix, saying what YAML allows there.
/// </summary>
public sealed class YamlSyntaxErrorTests
{
    [Fact]
    public void A_tab_that_indents_a_key_is_reported_at_the_tab_not_at_1_1()
    {
        ScenarioLoadResult result = TestFiles.Load("name: x\nworkload:\n\trequests_per_day: 5\n");
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "test.yaml:3:1: error: this line is indented with a tab; YAML indents with spaces, not tabs "
            + "(allowed: spaces before a key or a list item, as many as the lines around it use; a tab may stand inside a value, not before it)",
            error.ToString());
    }

    [Theory]
    [InlineData("a:\n  b: 1\n\tc: 2\n", 3, 1)]
    [InlineData("a:\n  b: 1\n  \tc: 2\n", 3, 3)]
    [InlineData("a:\n\t- 1\n", 2, 1)]
    [InlineData("a: |\n\tx\n", 2, 1)]
    [InlineData("a:\r\n  b: 1\r\n\tc: 2\r\n", 3, 1)]
    public void Every_tab_YamlDotNet_refuses_as_indentation_is_reported_where_it_stands(string yaml, int line, int column)
    {
        Diagnostic error = Assert.Single(TestFiles.Load(yaml).Diagnostics);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("YAML indents with spaces, not tabs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_inside_a_quoted_value_or_a_block_scalar_are_not_the_one_reported()
    {
        const string yaml = "a: \"x\n\ty\"\nb: |\n  x\n  \ty\nc:\n\td: 1\n";
        Diagnostic error = Assert.Single(TestFiles.Load(yaml).Diagnostics);
        Assert.Equal((7, 1), (error.Line, error.Column));
        Assert.Contains("indented with a tab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_in_the_full_scenario_is_reported_at_its_line()
    {
        string[] lines = SampleScenarios.Full.Split('\n');
        int index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("requests_per_day:", StringComparison.Ordinal));
        lines[index] = "  \t" + lines[index].TrimStart();
        Diagnostic error = Assert.Single(TestFiles.Load(string.Join('\n', lines)).Diagnostics);
        Assert.Equal((index + 1, 3), (error.Line, error.Column));
        Assert.Contains("indented with a tab", error.Message, StringComparison.Ordinal);
    }
}
