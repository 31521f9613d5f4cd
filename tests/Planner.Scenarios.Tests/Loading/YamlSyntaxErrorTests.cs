using System.Globalization;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static System.FormattableString;

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

    [Fact]
    public void A_key_over_yamls_1024_character_limit_is_named_as_such_at_the_key()
    {
        ScenarioLoadResult result = TestFiles.Load("name: x\n" + new string('k', 1100) + ": 1\n");
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "test.yaml:2:1: error: this key is 1,100 characters long, longer than YAML's 1,024-character limit for plain keys "
            + "(allowed: at most 1,024 characters before the ':'; Planner's keys are short names such as 'requests_per_day', "
            + "so this is probably a typo or a value pasted where a key belongs)",
            error.ToString());
    }

    [Theory]
    [InlineData("{0}: 1\n", 1, 1, 1100)]
    [InlineData("a:\n  b: 1\n  {0}: 1\n", 3, 3, 1100)]
    [InlineData("a:\n  - {0}: 1\n", 2, 5, 1100)]
    [InlineData("- {0}: 1\n", 1, 3, 1100)]
    [InlineData("name: x\n\"{0}\": 1\n", 2, 1, 1102)]
    [InlineData("name: x\n'{0}': 1\n", 2, 1, 1102)]
    [InlineData("name: x\n{0}:\n", 2, 1, 1100)]
    [InlineData("name: x\nfoo:\n  {0}:\n    x: 1\n", 3, 3, 1100)]
    [InlineData("name: x\r\n{0}: 1\r\n", 2, 1, 1100)]
    public void Every_shape_of_a_long_block_key_is_reported_at_its_start(string format, int line, int column, int length)
    {
        string yaml = string.Format(CultureInfo.InvariantCulture, format, new string('k', 1100));
        Diagnostic error = Assert.Single(TestFiles.Load(yaml).Diagnostics);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(Invariant($"this key is {length:#,##0} characters long, longer than YAML's 1,024-character limit for plain keys"), error.Message);
    }

    [Fact]
    public void A_key_of_1024_characters_is_read_as_a_key_and_one_of_1025_is_not()
    {
        ScenarioLoadResult atLimit = TestFiles.Load(SampleScenarios.Minimal + "\n" + new string('k', 1024) + ": 1\n");
        Assert.DoesNotContain(atLimit.Diagnostics, d => d.Message.Contains("YAML", StringComparison.Ordinal));
        Assert.Contains(atLimit.Diagnostics, d => d.Message.Contains("unknown key", StringComparison.Ordinal));
        ScenarioLoadResult past = TestFiles.Load(SampleScenarios.Minimal + "\n" + new string('k', 1025) + ": 1\n");
        Diagnostic error = Assert.Single(past.Diagnostics);
        Assert.Equal(SampleScenarios.Minimal.Split('\n').Length + 1, error.Line);
        Assert.StartsWith("this key is 1,025 characters long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_value_with_a_colon_in_it_is_not_taken_for_a_long_key()
    {
        Diagnostic error = Assert.Single(TestFiles.Load("name: x\nfoo: " + new string('k', 1100) + ": 1\n").Diagnostics);
        Assert.StartsWith("malformed YAML: ", error.Message, StringComparison.Ordinal);
    }
}
