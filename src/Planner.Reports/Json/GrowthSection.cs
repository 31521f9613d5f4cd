using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// Growth as the scenario gives it: one rate every month (<c>monthly_rate</c>; 0 when it gives
/// none) or the rates going into months 2, 3, … whose last value holds (<c>per_month</c>).
/// </summary>
public sealed record GrowthSection
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MonthlyRate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? PerMonth { get; init; }
}
