using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// A token-count distribution with the keys the scenario writes it with (<c>fixed</c>: tokens;
/// <c>lognormal</c>: median and p95 or mean and sd, min, max; <c>empirical</c>: trace and column,
/// with the column's row count), and the mean of the counts drawn (a lognormal's clamped to
/// [min, max], so below its <c>mean</c> where the clamp bites).
/// </summary>
public sealed record TokenDistributionSection(string Distribution)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Tokens { get; init; }

    /// <summary>For an empirical distribution drawn from a known public trace: who published it and under what licence.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Credit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Median { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P95 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mean { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Sd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Min { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Max { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trace { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Column { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Rows { get; init; }

    /// <summary>The mean of the counts drawn; null where it is not a number.</summary>
    public double? MeanTokens { get; init; }
}
