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
