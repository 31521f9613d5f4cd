using System.Diagnostics;
using Planner.Reports;

namespace Planner.Cli.Tests;

/// <summary>
/// Planner installs as a .NET tool: the packed CLI installs offline from the folder it was packed
/// into and answers <c>planner --version</c>. Slow (packing the tool takes about a minute).
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_offline_and_runs()
    {
        using var dir = new TempDir();
        string packages = Path.Combine(dir.Path, "packages"), tools = Path.Combine(dir.Path, "tools");
        // The solution is built already (by the test run): pack what is there.
        Run("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", "Planner.Cli"), "-c", "Release", "--no-build", "-o", packages, "-nologo"]);
        Assert.Single(Directory.GetFiles(packages, "planner.*.nupkg"));
        // Only the packed folder as a source, so nothing is looked up on the network.
        string config = dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        Run("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "planner"]);
        string printed = Run(Path.Combine(tools, "planner"), ["--version"]);

        Assert.Equal(PlannerVersion.Current, printed.Trim());
    }

    private static string Run(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', args)} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
