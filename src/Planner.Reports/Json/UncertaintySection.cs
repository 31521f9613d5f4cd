namespace Planner.Reports.Json;

/// <summary>A Monte Carlo over the scenario's uncertain inputs, in summary.json; absent when none was run.</summary>
public sealed record UncertaintySection(
    int Samples,
    ulong Seed,
    double DiscountRatePerYear,
    string Baseline,
    IReadOnlyList<UncertainInputSection> Inputs,
    IReadOnlyList<OptionUncertaintySection> Options,
    SurrogateSection Surrogate);
