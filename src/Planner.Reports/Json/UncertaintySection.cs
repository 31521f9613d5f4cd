using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>A Monte Carlo over the scenario's uncertain inputs, in summary.json; absent when none was run.</summary>
public sealed record UncertaintySection(
    int Samples,
    ulong Seed,
    double DiscountRatePerYear,
    string Baseline,
    IReadOnlyList<UncertainInputSection> Inputs,
    IReadOnlyList<OptionUncertaintySection> Options,
    SurrogateSection Surrogate)
{
    /// <summary>True when every sample was simulated in full (<c>--exact</c>); left out otherwise, so a surrogate run's file is unchanged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? FullySimulated { get; init; }

    /// <summary>The file beside summary.json with each sample's inputs and outcomes (samples.csv), when the run wrote one; left out by older runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SamplesFile { get; init; }
}
