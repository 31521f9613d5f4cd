namespace Planner.Cli.Tests;

/// <summary>The catalog listing shows every section with the required entries.</summary>
public sealed class CatalogCommandTests
{
    [Fact]
    public void ListsRequiredEntries()
    {
        string previous = Environment.CurrentDirectory;
        CliRun run;
        try
        {
            Environment.CurrentDirectory = RepoPaths.Root;
            run = CliRun.Invoke("catalog");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (string id in new[] { "h100-sxm", "h100-pcie", "h200", "a100-80gb", "a100-40gb", "l40s", "l4", "a10g", "t4", "b200",
                     "llama-3.1-8b", "llama-3.1-70b", "mistral-7b", "qwen2.5-7b", "qwen2.5-72b", "mixtral-8x7b" })
        {
            Assert.Contains(id, run.Stdout);
        }
    }

    [Theory]
    [InlineData("gpus")]
    [InlineData("prices")]
    [InlineData("apis")]
    [InlineData("models")]
    public void Every_entry_shows_its_source_and_date(string section)
    {
        string catalogDirectory = Path.Combine(RepoPaths.Root, "scenarios", "catalog");
        Scenarios.Catalogs.Catalog catalog = Scenarios.Catalogs.CatalogLoader.Load(catalogDirectory).Catalog!;

        CliRun run = CliRun.Invoke("catalog", section, "--catalog", catalogDirectory);

        Assert.True(run.ExitCode == 0, run.Stderr);
        string[] lines = run.Stdout.Replace("\r\n", "\n").Split('\n');
        var entries = Commands.CatalogCommand.Sources(section, catalog).ToList();
        Assert.NotEmpty(entries);
        foreach ((string id, string source, DateOnly asOf) in entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(source), id);
            Assert.Contains($"  {id} ({asOf:yyyy-MM-dd}): {source}", lines);
            // The table has an "as of" column too.
            Assert.Contains(lines, l => l.Contains($"│ {id} ", StringComparison.Ordinal) && l.Contains($"{asOf:yyyy-MM-dd}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_gpu_table_shows_measured_ceilings_beside_the_datasheet_and_names_their_source()
    {
        string catalogDirectory = Path.Combine(RepoPaths.Root, "scenarios", "catalog");

        CliRun run = CliRun.Invoke("catalog", "gpus", "--catalog", catalogDirectory);

        Assert.True(run.ExitCode == 0, run.Stderr);
        string[] lines = run.Stdout.Replace("\r\n", "\n").Split('\n');
        Assert.Contains(lines, l => l.Contains("│ h100-sxm ", StringComparison.Ordinal) && l.Contains("│ 794.5 / 1,402.6 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("│ a100-80gb ", StringComparison.Ordinal) && l.Contains("│ 271.2 / — ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("│ l4 ", StringComparison.Ordinal) && l.Contains("│ — ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  h200 (", StringComparison.Ordinal) && l.Contains("; measured ceilings: calibration/measurements/h200-pytorch", StringComparison.Ordinal));
    }
}
