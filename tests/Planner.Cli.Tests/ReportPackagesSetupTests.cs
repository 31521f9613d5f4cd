using System.Diagnostics;

namespace Planner.Cli.Tests;

/// <summary>
/// src/Planner.Cli/setup/report-packages.sh, which the CLI's build runs so that the README's first
/// command works on a fresh Debian machine: what it would install against what a machine has (on a
/// stand-in root, printing the install command instead of running it), and that the build calls it.
/// </summary>
public sealed class ReportPackagesSetupTests
{
    private static string Script => Path.Combine(RepoPaths.Root, "src", "Planner.Cli", "setup", "report-packages.sh");

    private static (int ExitCode, string Output) Run(string fileName, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment.Remove("PLANNER_CHROMIUM");
        start.Environment.Remove("PLANNER_FONT_DIR");
        start.Environment.Remove("PLANNER_NO_SETUP");
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{fileName} did not finish in 3 minutes");
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static void Touch(string root, string path)
    {
        string full = Path.Combine(root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void OnABareMachineItInstallsTheFontAndChromiumAndOnAReadyOneNothing()
    {
        using var root = new TempDir();
        var dry = new Dictionary<string, string> { ["PLANNER_SETUP_ROOT"] = root.Path, ["PLANNER_SETUP_DRY_RUN"] = "1" };

        (int code, string output) = Run("bash", [Script], dry);
        Assert.Equal(0, code);
        Assert.Contains("would run: apt-get install fonts-dejavu-core chromium", output);
        Assert.Contains("poppler-utils", Run("bash", [Script, "--with-pdf-tools"], dry).Output);

        // Where the browser or the font is named, or installed, it is not asked for.
        Assert.Contains("install fonts-dejavu-core\n", Run("bash", [Script], new Dictionary<string, string>(dry) { ["PLANNER_CHROMIUM"] = "/opt/chrome" }).Output);
        Touch(root.Path, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        Assert.Contains("install chromium\n", Run("bash", [Script], dry).Output);
        Touch(root.Path, "/usr/bin/chromium");
        Assert.Equal((0, ""), Run("bash", [Script], dry));
    }

    [Fact]
    public void WhereItCannotInstallItSaysWhatToInstallAndNeverFails()
    {
        using var root = new TempDir();
        // No apt-get under the stand-in root: another distribution, or a machine it cannot change.
        (int code, string output) = Run("bash", [Script], new Dictionary<string, string> { ["PLANNER_SETUP_ROOT"] = root.Path });
        Assert.Equal(0, code);
        Assert.Contains("reports need fonts-dejavu-core chromium", output);
    }

    [Fact]
    public void TheCliBuildRunsIt()
    {
        using var root = new TempDir();
        var dry = new Dictionary<string, string> { ["PLANNER_SETUP_ROOT"] = root.Path, ["PLANNER_SETUP_DRY_RUN"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" };
        string[] args = ["msbuild", Path.Combine("src", "Planner.Cli", "Planner.Cli.csproj"), "-t:InstallReportPackages", "-nologo", "-v:m"];

        (int code, string output) = Run("dotnet", args, dry);
        Assert.Equal(0, code);
        Assert.Contains("would run: apt-get install fonts-dejavu-core chromium", output);
        Assert.DoesNotContain("would run", Run("dotnet", args, new Dictionary<string, string>(dry) { ["PLANNER_NO_SETUP"] = "1" }).Output);
    }
}
