namespace Planner.Core.Specs;

/// <summary>A candidate deployment; costs common to every kind live here.</summary>
public abstract record OptionSpec
{
    public required string Name { get; init; }
    public IReadOnlyList<FixedCostSpec> FixedMonthlyCosts { get; init; } = [];
    public IReadOnlyList<OneTimeCostSpec> OneTimeCosts { get; init; } = [];
    /// <summary>Training runs the option pays for (one-off or recurring); booked like one-time costs.</summary>
    public IReadOnlyList<FineTuningJobSpec> FineTuningJobs { get; init; } = [];
    /// <summary>Short machine name of the kind, as written in scenarios and summary.json.</summary>
    public abstract string Kind { get; }
}
