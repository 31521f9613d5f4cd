using Planner.Reports.Pdf;

namespace Planner.Reports.Tests;

/// <summary>PLANNER_CHROMIUM wins, then Debian's path, then the PATH; a miss says why.</summary>
public sealed class ChromiumLocatorTests
{
    private static string? Find(Dictionary<string, string> env, HashSet<string> files, out string? problem) =>
        ChromiumLocator.Find(name => env.GetValueOrDefault(name), files.Contains, out problem);

    [Fact]
    public void EnvironmentVariableComesFirst()
    {
        Assert.Equal("/opt/chrome/chrome", Find(new() { ["PLANNER_CHROMIUM"] = "/opt/chrome/chrome" }, ["/opt/chrome/chrome", "/usr/bin/chromium"], out _));
    }

    [Fact]
    public void AWrongEnvironmentVariableIsReportedNotIgnored()
    {
        Assert.Null(Find(new() { ["PLANNER_CHROMIUM"] = "/nope" }, ["/usr/bin/chromium"], out string? problem));
        Assert.Contains("PLANNER_CHROMIUM is set to '/nope', which does not exist", problem);
    }

    [Fact]
    public void DebianPathThenPath()
    {
        Assert.Equal("/usr/bin/chromium", Find([], ["/usr/bin/chromium", "/snap/bin/chromium"], out _));
        Assert.Equal("/snap/bin/chromium-browser", Find(new() { ["PATH"] = "/usr/local/bin:/snap/bin" }, ["/snap/bin/chromium-browser"], out _));
    }

    [Fact]
    public void MissingChromiumSaysSo()
    {
        Assert.Null(Find(new() { ["PATH"] = "/usr/local/bin" }, [], out string? problem));
        Assert.Equal("Chromium was not found", problem);
        Assert.Contains("apt-get install chromium fonts-dejavu-core", ChromiumLocator.InstallHint);
    }
}
