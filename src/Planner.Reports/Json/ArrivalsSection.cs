using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>How arrivals scatter around the daily shape: <c>poisson</c>, <c>gamma</c> (with its coefficient of variation) or <c>trace</c> (a replay's own gaps).</summary>
public sealed record ArrivalsSection(string Process)
{
    /// <summary>Coefficient of variation of inter-arrival times; gamma only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cv { get; init; }
}
