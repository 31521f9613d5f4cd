namespace Planner.Cli.Tests;

/// <summary>
/// The completion directive the README documents: <c>planner "[suggest:16]" "planner catalog "</c>
/// lists what may follow <c>catalog</c>, its four listings among them, one per line.
/// </summary>
public sealed class ShellCompletionTests
{
    [Fact]
    public void The_suggest_directive_lists_the_catalogs_listings()
    {
        CliRun run = CliRun.Invoke("[suggest:16]", "planner catalog ");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string listing in new[] { "apis", "gpus", "models", "prices" })
        {
            Assert.Contains(listing, lines);
        }
        // Nothing of another command's: a run's options are not offered after `catalog`.
        Assert.DoesNotContain("--samples", lines);
    }

    [Theory]
    [InlineData("[suggest:abc]", "x", "[suggest:abc]: 'abc' is not a cursor position")]
    [InlineData("[suggest:-1]", "planner", "[suggest:-1]: '-1' is not a cursor position")]
    [InlineData("[suggest:99999999999]", "x", "[suggest:99999999999]: '99999999999' is not a cursor position")]
    [InlineData("[suggest:1]", "[suggest:2]", "[suggest] is given 2 times")]
    public void A_directive_that_is_no_cursor_position_is_bad_input_not_a_crash(string directive, string line, string expected)
    {
        CliRun run = CliRun.Invoke(directive, line);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: " + expected + " (allowed: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Theory]
    [InlineData("[suggest:0]", "planner")]
    [InlineData("[suggest:2147483647]", "planner")]
    [InlineData("[suggest]", "planner cat")]
    public void Any_position_from_0_is_answered(string directive, string line)
    {
        CliRun run = CliRun.Invoke(directive, line);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
    }
}
