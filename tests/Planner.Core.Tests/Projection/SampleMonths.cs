using Planner.Core.Costs;
using Planner.Core.Projection;

namespace Planner.Core.Tests.Projection;

/// <summary>Months of a made-up fleet for the diagnostics' tests, which set what each looks at with <c>with</c>.</summary>
internal static class SampleMonths
{
    /// <summary>
    /// Month <paramref name="index"/> (0-based, from 2027-01): 300,000 requests at 10,000 a day, all
    /// served within the SLO, on 2 replicas on average and 3 at the peak, with no cold start and no queueing.
    /// </summary>
    public static MonthlyOutcome At(int index) => new()
    {
        Month = index + 1, CalendarMonth = new DateOnly(2027, 1, 1).AddMonths(index), RequestsPerDay = 10_000, Requests = 300_000, RequestsServed = 300_000,
        RequestsRejected = 0, Backoffs = 0, InputTokens = 0, CachedInputTokens = 0, OutputTokens = 0, Cost = new CostBreakdown(),
        TtftP50Ms = 100, TtftP95Ms = 200, TpotP95Ms = 20, E2eP50Ms = 1000, E2eP99Ms = 3000, SloAttainment = 1, SloMet = true,
        GpuHours = 0, MeanReplicas = 2, PeakReplicas = 3, Utilization = 0.5, ColdStarts = 0, CapacityQueueWaits = 0,
    };
}
