using Planner.Core.Specs;

namespace Planner.Cli.Tests;

/// <summary>A run names stale prices in one line with their count, on the console and in its files alike; `planner validate` keeps one line per price for the author.</summary>
public sealed class StalePriceSummaryTests
{
    private static string Scenario => Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml");

    [Fact]
    public void ARunSumsUpStalePricesInOneLine()
    {
        var stderr = new StringWriter();
        ScenarioSpec? spec = ScenarioInput.Load(Scenario, null, stderr, out IReadOnlyList<string> warnings);
        Assert.NotNull(spec);
        int stale = spec.Sources.Count(s => s.IsStale);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] staleLines = lines.Where(l => l.Contains("stale", StringComparison.Ordinal)).ToArray();
        if (stale < 2)
        {
            // Nothing to sum up: a refreshed catalog leaves at most one line per stale price.
            Assert.Equal(stale, staleLines.Length);
            return;
        }
        string line = Assert.Single(staleLines);
        Assert.Contains($"warning: {stale} prices may be stale,", line);
        Assert.Contains("older than the scenario's start (2027-01)", line);
        Assert.Contains("the report's Assumptions", line);
        // The files say what the console said: the same one line, not a line per option that uses a
        // price (voice-agent's report listed aws-g6-xlarge three times where the console had one line).
        Assert.Equal(line.TrimEnd('\r'), Assert.Single(warnings, w => w.Contains("stale", StringComparison.Ordinal)));
        Assert.DoesNotContain(warnings, w => w.Contains("months before the scenario starts", StringComparison.Ordinal));
    }

    [Fact]
    public void APriceTwoOptionsUseCountsOnce()
    {
        var diagnostics = new[] { "a", "b", "a", "b" }.Select((id, i) => new Scenarios.Diagnostics.Diagnostic(
            Scenarios.Diagnostics.DiagnosticSeverity.Warning, "s.yaml", 10 + i, 3, $"price '{id}' is from 2025-06-05, 19 months before the scenario starts", "prices older than 12 months may be stale")).ToList();
        string line = ScenarioInput.StaleSummary(diagnostics, null);
        Assert.StartsWith("s.yaml: warning: 2 prices may be stale, older than the scenario's start: a, b (", line);
    }

    [Fact]
    public void TheSummaryCountsNamesAndAges()
    {
        var diagnostics = new[] { "a", "b", "c", "d" }.Select((id, i) => new Scenarios.Diagnostics.Diagnostic(
            Scenarios.Diagnostics.DiagnosticSeverity.Warning, "s.yaml", 10 + i, 3, $"price '{id}' is from 2025-06-05, 19 months before the scenario starts", "prices older than 12 months may be stale")).ToList();
        string line = ScenarioInput.StaleSummary(diagnostics, null);
        Assert.Equal("s.yaml: warning: 4 prices may be stale, older than the scenario's start: a, b, c and 1 more (prices older than 12 months may be stale; the report's Assumptions give each one's source and date, `planner validate` the line of each)", line);
    }

    [Fact]
    public void ValidateKeepsOneLinePerPrice()
    {
        var stderr = new StringWriter();
        ScenarioSpec? spec = ScenarioInput.Load(Scenario, null, stderr, out _, everyStalePrice: true);
        Assert.NotNull(spec);
        Assert.Equal(spec.Sources.Count(s => s.IsStale), stderr.ToString().Split('\n').Count(l => l.Contains("may be stale", StringComparison.Ordinal)));
    }
}
