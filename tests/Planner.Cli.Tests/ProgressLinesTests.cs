using Planner.Cli.Console;

namespace Planner.Cli.Tests;

/// <summary>Without a terminal, long work reports on stderr: each tenth done, and at least every few seconds.</summary>
public sealed class ProgressLinesTests
{
    private sealed class FakeClock
    {
        public TimeSpan Now { get; set; }
    }

    [Fact]
    public void A_line_for_each_tenth_and_none_in_between()
    {
        var writer = new StringWriter();
        var clock = new FakeClock();
        using var lines = new ProgressLines(writer, "simulating", "days", elapsed: () => clock.Now);

        for (int done = 1; done <= 200; done++)
        {
            lines.Report((done, 200));
        }
        clock.Now = TimeSpan.FromSeconds(3.2);
        lines.Finish();
        lines.Report((200, 200));

        string[] written = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, written.Length);
        Assert.Equal("simulating: 0% (1 of 200 days), 0 s", written[0]);
        Assert.Equal("simulating: 10% (20 of 200 days), 0 s", written[1]);
        Assert.Equal("simulating: 100% (200 of 200 days), 0 s", written[10]);
        Assert.Equal("simulating: done in 3.2 s", written[11]);
    }

    [Fact]
    public void Work_that_grows_as_it_goes_says_how_much_was_added_where_its_share_falls()
    {
        var writer = new StringWriter();
        var clock = new FakeClock();
        using var lines = new ProgressLines(writer, "verifying the path month by month", "simulations", elapsed: () => clock.Now);

        lines.Report((0, 100));
        lines.Report((90, 100));
        // A repair round adds 50 simulations: 90 of 150 is 60%, less than the 90% written before.
        clock.Now = TimeSpan.FromSeconds(6);
        lines.Report((91, 150));
        lines.Report((150, 150));

        Assert.Equal(
            [
                "verifying the path month by month: 0% (0 of 100 simulations), 0 s",
                "verifying the path month by month: 90% (90 of 100 simulations), 0 s",
                "verifying the path month by month: 60% (91 of 150 simulations; 50 added since the start), 6 s",
                "verifying the path month by month: 100% (150 of 150 simulations; 50 added since the start), 6 s",
            ],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void A_slow_stretch_still_writes_every_interval()
    {
        var writer = new StringWriter();
        var clock = new FakeClock();
        using var lines = new ProgressLines(writer, "searching load levels", "candidate evaluations", TimeSpan.FromSeconds(5), () => clock.Now);

        lines.Report((0, 1000));
        clock.Now = TimeSpan.FromSeconds(4);
        lines.Tick();
        lines.Report((3, 1000));
        clock.Now = TimeSpan.FromSeconds(5);
        lines.Tick();
        clock.Now = TimeSpan.FromSeconds(7);
        lines.Report((40, 1000));
        clock.Now = TimeSpan.FromSeconds(10);
        lines.Report((41, 1000));

        Assert.Equal(
            [
                "searching load levels: 0% (0 of 1,000 candidate evaluations), 0 s",
                "searching load levels: 0% (3 of 1,000 candidate evaluations), 5 s",
                "searching load levels: 4% (41 of 1,000 candidate evaluations), 10 s",
            ],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }
}

/// <summary>The run's own progress, piped: lines on stderr before the table, never on stdout.</summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class PipedRunProgressTests(GeneratedReport report)
{
    [Fact]
    public void A_piped_run_writes_progress_lines_on_stderr()
    {
        Assert.Equal(0, report.Run.ExitCode);
        string[] lines = report.Run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^simulating 2 options × 3 months: \d+% \(\d+ of \d+ simulated days\), \d+ s\r?$"));
        Assert.Contains(lines, l => l.StartsWith("simulating 2 options × 3 months: done in ", StringComparison.Ordinal));
        Assert.DoesNotContain("simulating 2 options", report.Run.Stdout, StringComparison.Ordinal);
    }
}
