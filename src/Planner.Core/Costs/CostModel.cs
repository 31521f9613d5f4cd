using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Costs;

/// <summary>Turns what a month measured into money, by option kind and pricing model.</summary>
public static class CostModel
{
    /// <summary>API token charges: uncached input, cached input and output at their prices, batch traffic discounted.</summary>
    public static double ApiTokensUsd(ApiOptionSpec option, WindowMetrics m) => ApiTokensUsd(option, MonthStats.From(m));

    /// <summary>API token charges of a month's totals; <paramref name="priceFactor"/> scales every token price (price events).</summary>
    public static double ApiTokensUsd(ApiOptionSpec option, MonthStats m, double priceFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        double realtime = TokenCost(option,
            m[Stat.ApiInputTokens] - m[Stat.ApiCachedInputTokens] - (m[Stat.BatchInputTokens] - m[Stat.BatchCachedInputTokens]),
            m[Stat.ApiCachedInputTokens] - m[Stat.BatchCachedInputTokens],
            m[Stat.ApiOutputTokens] - m[Stat.BatchOutputTokens]);
        double batch = TokenCost(option, m[Stat.BatchInputTokens] - m[Stat.BatchCachedInputTokens], m[Stat.BatchCachedInputTokens], m[Stat.BatchOutputTokens]);
        return (realtime + batch * (1 - option.BatchDiscount)) * priceFactor;
    }

    /// <summary>GPU charges split into serving, idle and cold start.</summary>
    public static (double ServingUsd, double IdleUsd, double ColdStartUsd, double GpuHours) GpuUsd(SelfHostedOptionSpec option, WindowMetrics m, double hoursInMonth) =>
        GpuUsd(option, MonthStats.From(m), hoursInMonth);

    /// <summary>
    /// GPU charges of a month's totals split into serving, idle and cold start. GPU prices are
    /// multiplied by <paramref name="priceFactor"/>; <paramref name="reservations"/> (committed GPUs
    /// at a reserved price, billed every hour) cover replica time up to the commitment, and replica
    /// time above it is billed at the option's own price.
    /// </summary>
    public static (double ServingUsd, double IdleUsd, double ColdStartUsd, double GpuHours) GpuUsd(
        SelfHostedOptionSpec option, MonthStats m, double hoursInMonth, double priceFactor = 1, IEnumerable<ReservedCommitmentSpec>? reservations = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        double busySeconds = m[Stat.ReplicaSecondsBusy], coldSeconds = m[Stat.ReplicaSecondsColdStart];
        double idleSeconds = m[Stat.ReplicaSecondsIdle] + m[Stat.ReplicaSecondsRounding];
        double billedSeconds = busySeconds + coldSeconds + idleSeconds;
        double perReplicaSecond = option.Pricing.PricePerGpuHourUsd * option.GpusPerReplica / 3600.0;
        if (option.Spot is SpotSpec spot && billedSeconds > 0)
        {
            // Spot and on-demand replicas share the serving, idle and cold-start time in proportion to their billed time.
            double spotShare = Math.Clamp(m[Stat.SpotReplicaSecondsBilled] / billedSeconds, 0, 1);
            perReplicaSecond = (spotShare * spot.PricePerGpuHourUsd + (1 - spotShare) * option.Pricing.PricePerGpuHourUsd) * option.GpusPerReplica / 3600.0;
        }
        perReplicaSecond *= priceFactor;
        double serving = busySeconds * perReplicaSecond;
        double cold = coldSeconds * perReplicaSecond;
        double idle = idleSeconds * perReplicaSecond;
        double gpuHours = billedSeconds * option.GpusPerReplica / 3600.0;
        if (option.Pricing.Model == GpuPricingModel.Reserved)
        {
            // A reservation bills the committed fleet every hour of the month, used or not.
            int committed = option.FixedReplicas ?? option.Autoscaler!.MaxReplicas;
            gpuHours = committed * option.GpusPerReplica * hoursInMonth;
            return Committed(gpuHours * option.Pricing.PricePerGpuHourUsd * priceFactor, serving, cold, gpuHours);
        }
        double committedGpus = 0, committedUsd = 0;
        foreach (ReservedCommitmentSpec r in reservations ?? [])
        {
            committedGpus += r.Gpus;
            committedUsd += r.Gpus * hoursInMonth * r.PricePerGpuHourUsd * priceFactor;
        }
        if (committedGpus <= 0 || billedSeconds <= 0)
        {
            return committedGpus > 0 ? (0, committedUsd, 0, committedGpus * hoursInMonth) : (serving, idle, cold, gpuHours);
        }
        // Replica time above the commitment is bought on demand; the commitment pays for the rest.
        double aboveSeconds = Math.Min(billedSeconds, m.ReplicaSecondsAbove(committedGpus / option.GpusPerReplica));
        double onDemandUsd = aboveSeconds * perReplicaSecond;
        double totalHours = committedGpus * hoursInMonth + aboveSeconds * option.GpusPerReplica / 3600.0;
        return Committed(committedUsd + onDemandUsd, serving, cold, totalHours);
    }

    /// <summary>Fixed monthly costs of the option.</summary>
    public static double FixedUsd(OptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        double sum = 0;
        foreach (FixedCostSpec c in option.FixedMonthlyCosts)
        {
            sum += c.MonthlyUsd;
        }
        return sum;
    }

    /// <summary>One-time costs falling in month <paramref name="month"/> (1-based).</summary>
    public static double OneTimeUsd(OptionSpec option, int month)
    {
        ArgumentNullException.ThrowIfNull(option);
        double sum = 0;
        foreach (OneTimeCostSpec c in option.OneTimeCosts)
        {
            if (c.Month == month)
            {
                sum += c.AmountUsd;
            }
        }
        return sum;
    }

    /// <summary>
    /// A month whose GPU bill is <paramref name="totalUsd"/> largely regardless of use: serving and
    /// cold-start time keep their value at list price up to the bill, and what is left of the bill is idle.
    /// </summary>
    private static (double, double, double, double) Committed(double totalUsd, double serving, double cold, double gpuHours)
    {
        double s = Math.Min(serving, totalUsd);
        double c = Math.Min(cold, totalUsd - s);
        return (s, totalUsd - s - c, c, gpuHours);
    }

    private static double TokenCost(ApiOptionSpec o, double uncachedInput, double cachedInput, double output) =>
        (uncachedInput * o.PricePerMillionInputTokensUsd
         + cachedInput * o.PricePerMillionCachedInputTokensUsd
         + output * o.PricePerMillionOutputTokensUsd) / 1_000_000.0;
}
