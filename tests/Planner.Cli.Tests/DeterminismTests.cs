namespace Planner.Cli.Tests;

/// <summary>The same scenario and seed give byte-identical outputs; another seed gives other numbers.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedGivesByteIdenticalReports()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b"), c = Path.Combine(dir.Path, "c");

        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", a).ExitCode);
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", b).ExitCode);
        Assert.Equal(0, CliRun.Invoke("run", scenario, "--out", c, "--seed", "6").ExitCode);

        // report.pdf too, where a browser prints it (CI always has one): its print dates are fixed.
        bool printed = ChromiumFactAttribute.IsCi || File.Exists(ChromiumFactAttribute.Chromium);
        Assert.Equal(printed, File.Exists(Path.Combine(a, "report.pdf")));
        foreach (string file in printed ? ["summary.json", "monthly.csv", "report.md", "report.pdf"] : new[] { "summary.json", "monthly.csv", "report.md" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }
        // The charts too, SVG and PNG, and the page that inlines them: ScottPlot's drawing depends on nothing but the summary.
        string[] charts = Directory.GetFiles(Path.Combine(a, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Contains(charts, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Equal(charts, Directory.GetFiles(Path.Combine(b, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (string file in charts.Select(f => Path.Combine("charts", f)).Append("report.html"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), $"{file} differs between two runs");
        }
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "summary.json")), File.ReadAllText(Path.Combine(c, "summary.json")));
        Assert.Contains("\"seed\": 6", File.ReadAllText(Path.Combine(c, "summary.json")));
    }
}
