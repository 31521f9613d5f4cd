using System.Diagnostics;
using Planner.Reports;

namespace Planner.Cli.Tests;

/// <summary>One version: what <c>planner --version</c> prints is what summary.json and the reports say.</summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class VersionTests(GeneratedReport report)
{
    [Fact]
    public void The_summary_carries_the_version_the_cli_prints()
    {
        // The built program in its own process: its version comes from its own assembly, not the test host's.
        string planner = Path.Combine(AppContext.BaseDirectory, "planner.dll");
        var start = new ProcessStartInfo("dotnet", [planner, "--version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string printed = process.StandardOutput.ReadToEnd().Trim();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(0, process.ExitCode);

        Assert.Equal(0, report.Run.ExitCode);
        Assert.Equal(printed, report.Summary!.PlannerVersion);
        Assert.Equal(printed, CliRun.Invoke("--version").Stdout.Trim());
        Assert.Equal(PlannerVersion.Current, printed);
        Assert.Matches(@"^\d+\.\d+\.\d+$", printed);
        Assert.Contains($"Planner {printed}", File.ReadAllText(Path.Combine(report.Folder, "report.md")), StringComparison.Ordinal);
    }
}
