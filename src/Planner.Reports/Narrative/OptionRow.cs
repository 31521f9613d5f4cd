using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>One option's line in the executive summary's comparison table.</summary>
internal sealed record OptionRow(
    OptionSection Option, bool IsBaseline, bool IsRecommended, double? CostPer1kFirst, double? CostPer1kLast, double? TotalUsd,
    double? SavingsAtHorizonUsd, string BreakEven, double? GrossMarginLast, int SloMonthsMet, int Months);
