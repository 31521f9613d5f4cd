using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// One option's outcomes over the samples. Savings, pay-off probabilities and the median
/// break-even month compare it with the baseline, so the baseline has none of them.
/// </summary>
public sealed record OptionUncertaintySection(
    string Name,
    IReadOnlyList<BandSection> MonthlyCogsUsd,
    BandSection TotalCostUsd,
    BandSection NpvCostUsd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BandSection? NpvSavingsUsd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? PaidOffByMonth,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ProbabilityNeverPaysOff,
    int? MedianBreakEvenMonth,
    double ProbabilityMeetsSlo,
    double ProbabilityCheapest);
