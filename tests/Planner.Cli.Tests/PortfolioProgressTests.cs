using Planner.Cli.Console;

namespace Planner.Cli.Tests;

/// <summary>One display for several runs: the sums of their progress, over totals known from the start.</summary>
public sealed class PortfolioProgressTests
{
    [Fact]
    public void The_display_receives_the_sums_and_never_a_smaller_total()
    {
        var seen = new List<(int Done, int Total)>();
        var progress = new PortfolioProgress(new Recorder(seen), [8, 4]);

        progress.Part(1).Report((2, 4));
        progress.Part(0).Report((3, 8));
        progress.Part(0).Report((1, 8));
        progress.Part(1).Report((4, 4));

        // The second run reporting first still counts against all 12, and a late, smaller report of a run changes nothing.
        Assert.Equal([(2, 12), (5, 12), (5, 12), (7, 12)], seen);
    }

    [Fact]
    public void A_part_outside_the_runs_is_refused()
    {
        var progress = new PortfolioProgress(null, [1, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => progress.Part(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => progress.Part(-1));
    }

    private sealed class Recorder(List<(int Done, int Total)> seen) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => seen.Add(value);
    }
}
