using System.Diagnostics;

namespace Planner.Cli.Tests;

/// <summary>The output folder is checked before anything is simulated, and a run owns what it leaves there.</summary>
public sealed class OutputFolderCommandTests
{
    [Fact]
    public void An_existing_file_as_the_output_folder_fails_at_once()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string file = dir.Write("taken", "x");
        var clock = Stopwatch.StartNew();
        CliRun run = CliRun.Invoke("run", scenario, "--out", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --out: {file} is a file, not a folder (allowed: a folder, new or holding an earlier run of the same scenario)",
            run.Stderr.Trim().Split('\n').Last(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.DoesNotContain("Simulated", run.Stdout, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Files_outside_the_current_folder_are_named_by_their_absolute_path()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string output = Path.Combine(dir.Path, "out");
        Assert.StartsWith("..", Path.GetRelativePath(Environment.CurrentDirectory, output), StringComparison.Ordinal);

        CliRun run = CliRun.Invoke("run", scenario, "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        string wrote = run.Stdout.Split('\n').Single(l => l.StartsWith("Wrote ", StringComparison.Ordinal));
        Assert.Contains($"{output.Replace('\\', '/')}/summary.json, ", wrote, StringComparison.Ordinal);
        Assert.DoesNotContain("../", wrote, StringComparison.Ordinal);
        Assert.Equal("summary.json", Planner.Cli.Commands.CalibrationCli.Show(Path.Combine(Environment.CurrentDirectory, "summary.json")));
    }

    [Fact]
    public void A_folder_holding_another_scenarios_run_is_refused_and_left_as_it_was()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        string summary = Path.Combine(output, "summary.json");
        File.WriteAllText(summary, "{\"scenario\": {\"name\": \"someone-elses\"}}\n");
        string scenario = SmallScenario.WriteInto(dir);

        CliRun run = CliRun.Invoke("run", scenario, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --out: {output} holds the reports of scenario 'someone-elses' (its summary.json)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Simulated", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["summary.json"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void A_rerun_with_an_option_renamed_removes_the_old_options_charts()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        string scenario = SmallScenario.WriteInto(dir);
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);
        string charts = Path.Combine(output, "charts");
        Assert.Contains("cost-breakdown-h100.svg", Directory.GetFiles(charts).Select(Path.GetFileName));

        File.WriteAllText(scenario, SmallScenario.Text.Replace("- name: h100", "- name: h100-renamed", StringComparison.Ordinal));
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", output).ExitCode);

        string[] now = Directory.GetFiles(charts).Select(Path.GetFileName).ToArray()!;
        Assert.Contains("cost-breakdown-h100-renamed.svg", now);
        Assert.DoesNotContain("cost-breakdown-h100.svg", now);
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }
}
