using Planner.Reports.Pdf;

namespace Planner.Reports.Tests;

/// <summary>
/// The life cycle of a browser session, with stand-ins for the browser: a failed browser fails
/// the print promptly with the reason, and the profile goes once the browser has exited, which
/// closing the session brings about without waiting for it. (Printing with the real browser is
/// tested end to end beside the other PDF tests, in Planner.Cli.Tests.)
/// </summary>
public sealed class ChromiumSessionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "planner-session-" + Guid.NewGuid().ToString("N"));

    public ChromiumSessionTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void APrintOnABrowserThatIsGoneFailsPromptlyAndSaysWhy()
    {
        using ChromiumSession? browser = ChromiumSession.TryStart("/nonexistent/chromium");
        if (browser is null)
        {
            return; // no POSIX shell here for a browser session
        }
        string html = Path.Combine(_dir, "page.html");
        File.WriteAllText(html, "<p>hello</p>");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        PdfResult result = browser.Print(html, Path.Combine(_dir, "page.pdf"), TimeSpan.FromSeconds(60));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(result.Written);
        Assert.Contains("/nonexistent/chromium", result.Problem);
        // Whichever the session notices first: the browser's exit, or its end of the pipe closing.
        Assert.Matches("the browser (exited|closed its pipe)", result.Problem);
        Assert.False(File.Exists(Path.Combine(_dir, "page.pdf")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void APrintGivesUpOnABrowserThatNeverOpensItsPage()
    {
        if (SilentBrowser() is not string silent || ChromiumSession.TryStart(silent, TimeSpan.FromSeconds(1)) is not ChromiumSession browser)
        {
            return; // no POSIX shell here for a browser session
        }
        using (browser)
        {
            string html = Path.Combine(_dir, "page.html");
            File.WriteAllText(html, "<p>hello</p>");
            var clock = System.Diagnostics.Stopwatch.StartNew();

            PdfResult result = browser.Print(html, Path.Combine(_dir, "page.pdf"), TimeSpan.FromSeconds(60));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            Assert.False(result.Written);
            Assert.Contains("did not open a page within 1 s", result.Problem);
        }
    }

    [Fact]
    public void APrintThatRunsOutOfTimeStopsTheBrowserAndItsProfileGoes()
    {
        if (OperatingSystem.IsWindows() || !ChromiumSession.IsSupported)
        {
            return; // no POSIX shell here for a browser session
        }
        // A stand-in that hangs and does not quit when its pipe closes either: after the time
        // limit it printed on, after Planner had exited, until it ended by itself.
        string pidFile = Path.Combine(_dir, "browser.pid");
        string hanging = Path.Combine(_dir, "hanging-browser");
        File.WriteAllText(hanging, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using ChromiumSession browser = ChromiumSession.TryStart(hanging, TimeSpan.FromSeconds(30))!;
        string profile = browser.ProfileDirectory;
        string html = Path.Combine(_dir, "page.html");
        File.WriteAllText(html, "<p>hello</p>");

        PdfResult result = browser.Print(html, Path.Combine(_dir, "page.pdf"), TimeSpan.FromSeconds(1));

        Assert.False(result.Written);
        Assert.True(result.TimedOut);
        Assert.Contains("did not finish printing within 1 s", result.Problem, StringComparison.Ordinal);
        int pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((Directory.Exists(profile) || Directory.Exists($"/proc/{pid}")) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(50);
        }
        Assert.False(Directory.Exists($"/proc/{pid}"), "the hanging browser is stopped");
        Assert.False(Directory.Exists(profile), "and its profile deleted");
    }

    [Fact]
    public void ClosingTheSessionEndsTheBrowserAndItsProfileGoes()
    {
        if (SilentBrowser() is not string silent)
        {
            return;
        }
        ChromiumSession? browser = ChromiumSession.TryStart(silent);
        if (browser is null)
        {
            return; // no POSIX shell here for a browser session
        }
        string profile = browser.ProfileDirectory;
        Thread.Sleep(200);
        Assert.True(Directory.Exists(profile), "the profile stays while the browser runs");

        browser.Dispose();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.Exists(profile) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(20);
        }
        Assert.False(Directory.Exists(profile), "the profile is deleted once the browser has exited");
    }

    /// <summary>A stand-in browser that, like Chromium, runs until its command pipe (descriptor 3) closes, but never answers.</summary>
    private string? SilentBrowser()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        string path = Path.Combine(_dir, "browser");
        File.WriteAllText(path, "#!/bin/sh\ncat <&3 >/dev/null\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
