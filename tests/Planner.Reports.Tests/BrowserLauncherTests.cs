using System.Diagnostics;
using Planner.Reports.Pdf;

namespace Planner.Reports.Tests;

/// <summary>
/// The shells that start the browser take it down, and its profile with it, however Planner goes:
/// a Ctrl+C or SIGTERM sent to the whole process group (a terminal, <c>timeout</c>) reaches the
/// shell, which passes it on instead of dying before the profile is deleted; and a one-off print's
/// shell stops the browser when Planner closes its input or dies. Before, an interrupted run left
/// a profile in the temporary folder and an interrupted <c>planner report</c> a browser printing
/// on under PID 1. A stand-in browser (it records its process id, then sleeps) plays Chromium.
/// </summary>
public sealed class BrowserLauncherTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "planner-launcher-" + Guid.NewGuid().ToString("N"));

    public BrowserLauncherTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Cases => new()
    {
        { nameof(ChromiumPdfPrinter), "SIGINT" },
        { nameof(ChromiumPdfPrinter), "SIGTERM" },
        { nameof(ChromiumPdfPrinter), "input closed" },
        { nameof(ChromiumSession), "SIGINT" },
        { nameof(ChromiumSession), "SIGTERM" },
    };

    [Fact]
    public void ABrowserThatHangsWithAChildHoldingItsOutputIsGivenUpOnByTheTimeLimit()
    {
        if (!ChromiumSession.IsSupported || OperatingSystem.IsWindows())
        {
            return; // no POSIX shell here
        }
        // A stand-in browser whose child outlives it and keeps its output open: `planner report
        // --chromium` with such a browser waited for the child (131 s for a 90 s limit, over 250 s for
        // one that slept 600 s).
        string browser = Path.Combine(_dir, "hanging-browser");
        File.WriteAllText(browser, "#!/bin/sh\nsleep 30\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string html = Path.Combine(_dir, "report.html");
        File.WriteAllText(html, "<html><body>report</body></html>");

        var clock = Stopwatch.StartNew();
        PdfResult result = ChromiumPdfPrinter.Print(browser, html, Path.Combine(_dir, "report.pdf"), TimeSpan.FromSeconds(1));
        clock.Stop();

        Assert.False(result.Written);
        Assert.Contains("did not finish printing within 1 s", result.Problem, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"gave up after {clock.Elapsed.TotalSeconds:0.0} s, not about 1 s plus the 5 s the output may take to close");
        Assert.False(File.Exists(Path.Combine(_dir, "report.pdf")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheBrowserAndItsProfileGoWithPlanner(string launcher, string how)
    {
        if (!ChromiumSession.IsSupported || OperatingSystem.IsWindows())
        {
            return; // no POSIX shell here: the browser is started without a launcher
        }
        if (how == "SIGINT" && IgnoredOnEntry(signal: 2))
        {
            // Started with SIGINT ignored (a background job of a non-interactive shell, `cmd &`):
            // the shell inherits that and POSIX lets it neither trap nor reset it, so no Ctrl+C
            // could reach Planner here either. Run in the foreground, as CI does, to test it.
            return;
        }
        string profile = Path.Combine(_dir, "profile");
        Directory.CreateDirectory(profile);
        File.WriteAllText(Path.Combine(profile, "Preferences"), "{}");
        string pidFile = Path.Combine(_dir, "browser.pid");
        string browser = Path.Combine(_dir, "browser");
        File.WriteAllText(browser, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["-c", launcher == nameof(ChromiumSession) ? ChromiumSession.PipeLauncher : ChromiumPdfPrinter.Launcher, "planner-chromium", profile, browser, "--headless"])
        {
            start.ArgumentList.Add(arg);
        }
        using var shell = Process.Start(start)!;
        int browserPid = WaitForPid(pidFile);

        if (how == "input closed")
        {
            shell.StandardInput.Close();
        }
        else
        {
            using var kill = Process.Start("kill", [how == "SIGINT" ? "-INT" : "-TERM", shell.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        Assert.True(shell.WaitForExit(TimeSpan.FromSeconds(15)), $"the {launcher} shell outlived '{how}'");
        Assert.False(Alive(browserPid), $"the browser ({browserPid}) outlived '{how}'");
        Assert.False(Directory.Exists(profile), $"the profile outlived '{how}'");
    }

    /// <summary>Whether this process ignores <paramref name="signal"/> (Linux's /proc/self/status SigIgn mask; false where there is none).</summary>
    private static bool IgnoredOnEntry(int signal)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }
        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out ulong mask)
            && (mask & (1UL << (signal - 1))) != 0;
    }

    private static int WaitForPid(string pidFile)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid))
            {
                return pid;
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException("the stand-in browser did not start");
    }

    private static bool Alive(int pid)
    {
        try
        {
            using Process p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
