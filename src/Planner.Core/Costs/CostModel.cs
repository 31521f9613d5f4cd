using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Costs;

/// <summary>Turns what a month measured into money, by option kind and pricing model.</summary>
public static class CostModel
{
    /// <summary>API token charges: uncached input, cached input and output at their prices, batch traffic discounted.</summary>
    public static double ApiTokensUsd(ApiOptionSpec option, WindowMetrics m)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        double realtime = TokenCost(option,
            m.ApiInputTokens - m.ApiCachedInputTokens - (m.BatchInputTokens - m.BatchCachedInputTokens),
            m.ApiCachedInputTokens - m.BatchCachedInputTokens,
            m.ApiOutputTokens - m.BatchOutputTokens);
        double batch = TokenCost(option, m.BatchInputTokens - m.BatchCachedInputTokens, m.BatchCachedInputTokens, m.BatchOutputTokens);
        return realtime + batch * (1 - option.BatchDiscount);
    }

    /// <summary>GPU charges split into serving, idle and cold start.</summary>
    public static (double ServingUsd, double IdleUsd, double ColdStartUsd, double GpuHours) GpuUsd(SelfHostedOptionSpec option, WindowMetrics m, double hoursInMonth)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        double perReplicaSecond = option.Pricing.PricePerGpuHourUsd * option.GpusPerReplica / 3600.0;
        if (option.Spot is SpotSpec spot && m.ReplicaSecondsBilled > 0)
        {
            // Spot and on-demand replicas share the serving, idle and cold-start time in proportion to their billed time.
            double spotShare = Math.Clamp(m.SpotReplicaSecondsBilled / m.ReplicaSecondsBilled, 0, 1);
            perReplicaSecond = (spotShare * spot.PricePerGpuHourUsd + (1 - spotShare) * option.Pricing.PricePerGpuHourUsd) * option.GpusPerReplica / 3600.0;
        }
        double serving = m.ReplicaSecondsBusy * perReplicaSecond;
        double cold = m.ReplicaSecondsColdStart * perReplicaSecond;
        double idle = (m.ReplicaSecondsIdle + m.ReplicaSecondsRounding) * perReplicaSecond;
        double gpuHours = m.ReplicaSecondsBilled * option.GpusPerReplica / 3600.0;
        if (option.Pricing.Model == GpuPricingModel.Reserved)
        {
            // A reservation bills the committed fleet every hour of the month, used or not.
            int committed = option.FixedReplicas ?? option.Autoscaler!.MaxReplicas;
            gpuHours = committed * option.GpusPerReplica * hoursInMonth;
            double total = gpuHours * option.Pricing.PricePerGpuHourUsd;
            serving = Math.Min(serving, total);
            cold = Math.Min(cold, total - serving);
            idle = total - serving - cold;
        }
        return (serving, idle, cold, gpuHours);
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

    private static double TokenCost(ApiOptionSpec o, double uncachedInput, double cachedInput, double output) =>
        (uncachedInput * o.PricePerMillionInputTokensUsd
         + cachedInput * o.PricePerMillionCachedInputTokensUsd
         + output * o.PricePerMillionOutputTokensUsd) / 1_000_000.0;
}
