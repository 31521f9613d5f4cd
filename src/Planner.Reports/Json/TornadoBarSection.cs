namespace Planner.Reports.Json;

/// <summary>One input moved from its 10th (low) to its 90th (high) percentile, the others at their medians; a null month does not break even within the horizon.</summary>
public sealed record TornadoBarSection(
    string Label, string Path, double? LowValue, double? HighValue, double? SavingsAtLowUsd, double? SavingsAtHighUsd,
    int? BreakEvenMonthAtLow, int? BreakEvenMonthAtHigh, double? SwingUsd);
