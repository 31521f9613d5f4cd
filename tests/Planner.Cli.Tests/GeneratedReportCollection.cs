namespace Planner.Cli.Tests;

/// <summary>Tests that share one <see cref="GeneratedReport"/> run.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedReportCollection : ICollectionFixture<GeneratedReport>
{
    public const string Name = "generated report";
}
