namespace Planner.Core.Projection;

/// <summary>
/// Which of several options costs least over the horizon, with totals that agree to the cent taken
/// as equal: the sums of a month's GPU seconds times a price differ in their last bits from one
/// fleet to another that bills the same whole instances, and four fleets of one 8-GPU instance
/// at $118,886.40 each named one of them the best alternative and another as costing "exactly as
/// much", leaving out the other two, which were a few billionths of a cent dearer.
/// </summary>
public static class CostOrder
{
    /// <summary>Totals closer than this, in USD, are the same total: they print the same to the cent.</summary>
    public const double SameTotalUsd = 0.005;

    /// <summary>The option with the least total; of totals within <see cref="SameTotalUsd"/> of it, the earliest listed.</summary>
    public static OptionProjection Cheapest(IEnumerable<OptionProjection> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = options.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("no option to choose from", nameof(options));
        }
        double least = list.Min(o => o.TotalCostUsd);
        return list.First(o => o.TotalCostUsd - least < SameTotalUsd);
    }
}
