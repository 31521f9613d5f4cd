using Planner.Core.Formatting;
using Planner.Reports.Formatting;
using Planner.Reports.Json;

namespace Planner.Reports.Csv;

/// <summary>Writes monthly.csv (a row per option and month) from the same figures as summary.json.</summary>
public static class MonthlyCsvWriter
{
    public static string Serialize(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<MonthlyRow>();
        foreach (OptionSection o in summary.Options)
        {
            // summary.json gives an API's capacity figures as zeros; the csv leaves them empty, as it does its instances.
            bool hosted = o.Kind != "api";
            foreach (MonthSection m in o.Monthly)
            {
                CostBreakdownSection c = m.CostBreakdown;
                rows.Add(new MonthlyRow(o.Name, o.Kind, m.Month, m.CalendarMonth, m.RequestsPerDay, m.PlannedRequests, m.Requests, m.RequestsServed, m.RequestsRejected,
                    m.InputTokens, m.CachedInputTokens, m.OutputTokens,
                    m.CostUsd, c.GpuServingUsd, c.GpuIdleUsd, c.GpuColdStartUsd, c.GpuStrandedUsd, c.ApiTokensUsd, c.FixedUsd, c.OneTimeUsd, TotalWithOneTime(m.CostUsd, c.OneTimeUsd),
                    m.CumulativeCostUsd, m.CostPer1kRequestsUsd, m.CostPer1mTokensUsd, m.GrossMargin,
                    m.TtftP50Ms, m.TtftP95Ms, m.TpotP95Ms, m.ItlP50Ms, m.E2eP50Ms, m.E2eP99Ms, m.SloAttainment, m.SloMet,
                    hosted ? m.GpuHours : null, m.SpotGpuHours, hosted ? m.MeanReplicas : null, hosted ? m.PeakReplicas : null, m.MeanInstances, m.PeakInstances,
                    hosted ? m.Utilization : null, hosted ? m.ColdStarts : null,
                    m.RateLimitBackoffs, m.RateLimitWaitSeconds, m.OutageBackoffs, m.OutageWaitSeconds, m.RejectedAfterRateLimit, m.RejectedAfterOutage,
                    m.CapacityQueueWaits, m.CapacityQueueWaitSeconds, m.ComplianceRequests, m.OverflowedRequests,
                    m.OverflowInputTokens, m.OverflowCachedInputTokens, m.OverflowOutputTokens,
                    m.Unfinished(), c.FineTuningUsd));
            }
        }
        return CsvTable.Write(rows);
    }

    /// <summary>COGS plus the month's one-time costs, to the cent; none when the month has no cost.</summary>
    private static double? TotalWithOneTime(double? cogs, double? oneTime) =>
        cogs is double c ? Fmt.Round(c + (oneTime ?? 0), FigureFormat.MoneyDigits) : null;
}
