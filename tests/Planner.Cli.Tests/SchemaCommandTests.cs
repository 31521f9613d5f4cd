namespace Planner.Cli.Tests;

/// <summary><c>planner schema</c> prints the schema the repository checks in beside its scenarios.</summary>
public sealed class SchemaCommandTests
{
    [Fact]
    public void Prints_the_checked_in_schema()
    {
        CliRun run = CliRun.Invoke("schema", "--catalog", Path.Combine(RepoPaths.Root, "scenarios", "catalog"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "scenarios", "planner.schema.json")).Replace("\r\n", "\n"), run.Stdout);
    }

    [Fact]
    public void A_missing_catalog_is_bad_input()
    {
        CliRun run = CliRun.Invoke("schema", "--catalog", "/nonexistent/catalog");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
