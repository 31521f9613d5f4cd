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
}
