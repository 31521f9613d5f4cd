namespace Planner.Reports.Csv;

/// <summary>
/// One row of monthly.csv: an option in a month. <see cref="CostUsd"/> is the month's cost of goods
/// sold and leaves out one-time costs (migration, setup), which <see cref="OneTimeUsd"/> holds;
/// <see cref="TotalWithOneTimeUsd"/> is the two together, what the month actually costs, and what
/// <see cref="CumulativeCostUsd"/> adds up. Columns are documented in reports/README.md.
/// </summary>
public sealed record MonthlyRow(
    string Option, string Kind, int Month, string CalendarMonth, double? RequestsPerDay, double? PlannedRequests, double? Requests, double? RequestsServed, double? RequestsRejected,
    double? InputTokens, double? CachedInputTokens, double? OutputTokens,
    double? CostUsd, double? GpuServingUsd, double? GpuIdleUsd, double? GpuColdStartUsd, double? GpuStrandedUsd, double? ApiTokensUsd, double? FixedUsd, double? OneTimeUsd, double? TotalWithOneTimeUsd,
    double? CumulativeCostUsd, double? CostPer1kRequestsUsd, double? CostPer1mTokensUsd, double? GrossMargin,
    double? TtftP50Ms, double? TtftP95Ms, double? TpotP95Ms, double? ItlP50Ms, double? E2eP50Ms, double? E2eP99Ms, double? SloAttainment, bool SloMet,
    double? GpuHours, double? SpotGpuHours, double? MeanReplicas, double? PeakReplicas, double? MeanInstances, double? PeakInstances, double? Utilization, double? ColdStarts,
    double? RateLimitBackoffs, double? RateLimitWaitSeconds, double? OutageBackoffs, double? OutageWaitSeconds, double? RejectedAfterRateLimit, double? RejectedAfterOutage,
    double? CapacityQueueWaits, double? CapacityQueueWaitSeconds, double? ComplianceRequests, double? OverflowedRequests,
    double? OverflowInputTokens, double? OverflowCachedInputTokens, double? OverflowOutputTokens,
    double? RequestsUnfinished, double? FineTuningUsd);
