namespace Planner.Core.Specs;

/// <summary>A recurring monthly cost that does not depend on traffic.</summary>
public sealed record FixedCostSpec
{
    public required string Name { get; init; }
    public required double MonthlyUsd { get; init; }

    /// <summary>Headcount cost: FTEs × loaded yearly salary / 12.</summary>
    public static FixedCostSpec Engineering(string name, double fullTimeEquivalents, double loadedSalaryPerYearUsd) =>
        new() { Name = name, MonthlyUsd = fullTimeEquivalents * loadedSalaryPerYearUsd / 12.0 };
}
