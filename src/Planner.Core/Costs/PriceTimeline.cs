using Planner.Core.Formatting;
using Planner.Core.Specs;

namespace Planner.Core.Costs;

/// <summary>
/// Price events of a scenario resolved for one option and month: multipliers of its API token
/// prices and GPU-hour prices, and the reserved commitments in force.
/// </summary>
public static class PriceTimeline
{
    /// <summary>Multiplier of the option's API token prices in 1-based <paramref name="month"/>.</summary>
    public static double ApiPriceFactor(IReadOnlyList<PriceEventSpec> events, string option, int month) =>
        Factor(events, PriceEventTarget.ApiPrices, option, month);

    /// <summary>Multiplier of the option's GPU-hour prices (on-demand, reserved and spot) in 1-based <paramref name="month"/>.</summary>
    public static double GpuPriceFactor(IReadOnlyList<PriceEventSpec> events, string option, int month) =>
        Factor(events, PriceEventTarget.GpuPrices, option, month);

    /// <summary>Reserved commitments of the option in force in 1-based <paramref name="month"/>.</summary>
    public static IEnumerable<ReservedCommitmentSpec> Reservations(IReadOnlyList<PriceEventSpec> events, string option, int month)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (PriceEventSpec e in events)
        {
            if (e.Target == PriceEventTarget.ReservedCommitment && e.Reservation is { } r && AppliesTo(e, option)
                && month >= e.Month && (r.TermMonths is not int term || month < e.Month + term))
            {
                yield return r;
            }
        }
    }

    /// <summary>
    /// One warning per reserved commitment whose contract price stands above the option's own
    /// GPU-hour price in some month of its term, once the scenario's GPU price events have moved
    /// that price: a commitment priced by the market of its month bills its GPUs above what the
    /// same GPUs cost on demand then, whether used or not. None otherwise.
    /// </summary>
    public static IReadOnlyList<string> ReservationWarnings(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var warnings = new List<string>();
        foreach (OptionSpec option in scenario.Options)
        {
            SelfHostedOptionSpec? fleet = option switch
            {
                SelfHostedOptionSpec s => s,
                HybridOptionSpec h => h.Primary,
                _ => null,
            };
            if (fleet is null)
            {
                continue;
            }
            foreach (PriceEventSpec e in scenario.PriceEvents.Where(e => e.Target == PriceEventTarget.ReservedCommitment && e.Reservation is not null && AppliesTo(e, option.Name)))
            {
                ReservedCommitmentSpec r = e.Reservation!;
                int end = r.TermMonths is int term ? Math.Min(scenario.HorizonMonths, e.Month + term - 1) : scenario.HorizonMonths;
                List<(int Month, double OnDemand)> above = [.. Enumerable.Range(e.Month, Math.Max(0, end - e.Month + 1))
                    .Select(m => (Month: m, OnDemand: fleet.Pricing.PricePerGpuHourUsd * GpuPriceFactor(scenario.PriceEvents, option.Name, m)))
                    .Where(x => r.PricePerGpuHourUsd > x.OnDemand + 1e-9)];
                if (above.Count == 0)
                {
                    continue;
                }
                DateOnly first = scenario.StartMonth.AddMonths(above[0].Month - 1);
                double lowest = above.Min(x => x.OnDemand);
                warnings.Add(FormattableString.Invariant(
                    $"{option.Name}'s reservation of {r.Gpus} GPU{(r.Gpus == 1 ? "" : "s")} at {FigureFormat.UsdPrice(r.PricePerGpuHourUsd)} per GPU-hour costs more than its own price in {above.Count} month{(above.Count == 1 ? "" : "s")} of its term, from month {above[0].Month} ({first:yyyy-MM}), ")
                    + FormattableString.Invariant($"when the scenario's GPU price events bring that price down to {FigureFormat.UsdPrice(lowest)}: the commitment bills those GPUs above what they would cost without it, whether used or not.")); 
            }
        }
        return warnings;
    }

    private static double Factor(IReadOnlyList<PriceEventSpec> events, PriceEventTarget target, string option, int month)
    {
        ArgumentNullException.ThrowIfNull(events);
        double factor = 1;
        foreach (PriceEventSpec e in events)
        {
            if (e.Target != target || month < e.Month || !AppliesTo(e, option))
            {
                continue;
            }
            if (e.Change is double step)
            {
                factor *= 1 + step;
            }
            if (e.ChangePerYear is double yearly)
            {
                factor *= Math.Pow(1 + yearly, (month - e.Month) / 12.0);
            }
        }
        return factor;
    }

    private static bool AppliesTo(PriceEventSpec e, string option) => e.Options.Count == 0 || e.Options.Contains(option);
}
