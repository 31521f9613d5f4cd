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
