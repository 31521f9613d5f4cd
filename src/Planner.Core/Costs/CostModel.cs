using Planner.Core.Metrics;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Costs;

/// <summary>Turns what a month measured into money, by option kind and pricing model.</summary>
public static class CostModel
{
    /// <summary>An amount in whole cents (half a cent away from zero), as a bill states it; a non-finite amount as it is.</summary>
    public static double Cents(double usd) => double.IsFinite(usd) ? Math.Round(usd, 2, MidpointRounding.AwayFromZero) : usd;

    /// <summary>
    /// Parts of one bill in whole cents that add up to the bill's own total in whole cents
    /// (<see cref="Cents"/> of their sum): each part rounded down to the cent, then the cents left
    /// over given one each to the parts with the largest remainders (the earlier part on a tie),
    /// as an invoice splits one line. Rounded one by one, a GPU bill of 1,488 GPU-hours at $0.8048
    /// ($1,197.5424) came out $1,197.55 from $36.0869 serving and $1,161.4555 idle. A part under
    /// half a cent below zero (the floating-point residue of a difference) counts as zero; a
    /// non-finite part, or one further below zero, leaves every part as <see cref="Cents"/> gives it.
    /// </summary>
    public static double[] SplitCents(params double[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        double[] cents = new double[parts.Length];
        parts = [.. parts.Select(p => p < 0 && p > -0.005 ? 0 : p)];
        if (parts.Any(p => !double.IsFinite(p) || p < 0))
        {
            for (int i = 0; i < parts.Length; i++)
            {
                cents[i] = Cents(parts[i]);
            }
            return cents;
        }
        long target = (long)Math.Round(parts.Sum() * 100, MidpointRounding.AwayFromZero);
        long given = 0;
        double[] remainders = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            double scaled = parts[i] * 100;
            long whole = (long)Math.Floor(scaled);
            cents[i] = whole;
            remainders[i] = scaled - whole;
            given += whole;
        }
        int[] order = Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (int k = 0; given < target && k < order.Length; k++, given++)
        {
            cents[order[k]]++;
        }
        for (int i = 0; i < parts.Length; i++)
        {
            cents[i] /= 100;
        }
        return cents;
    }

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

    /// <summary>GPU charges split by what the GPU time did.</summary>
    public static GpuCharges GpuUsd(SelfHostedOptionSpec option, WindowMetrics m, double hoursInMonth) =>
        GpuUsd(option, MonthStats.From(m), hoursInMonth);

    /// <summary>
    /// GPU charges of a month's totals: whole instances billed by the second, split into serving,
    /// idle (including billing round-up and unused reserved capacity), cold start and stranded GPUs
    /// (billed GPUs that held no replica). The option's GPU prices are multiplied by <paramref name="priceFactor"/>;
    /// <paramref name="reservations"/> (committed GPUs at a reserved price, billed every hour at that
    /// price whatever the market does) cover billed GPU time up to the commitment, and time above it
    /// is billed at the option's own price.
    /// </summary>
    public static GpuCharges GpuUsd(
        SelfHostedOptionSpec option, MonthStats m, double hoursInMonth, double priceFactor = 1, IEnumerable<ReservedCommitmentSpec>? reservations = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(m);
        // The cold starts compressed hours count but spent as idle time are billed as cold start, out of the idle time.
        double churn = Math.Clamp(m[Stat.ChurnColdStartGpuSeconds], 0, Math.Max(0, m[Stat.GpuSecondsIdle]));
        double busySeconds = m[Stat.GpuSecondsBusy], coldSeconds = m[Stat.GpuSecondsColdStart] + churn, strandedSeconds = m[Stat.GpuSecondsStranded];
        double idleSeconds = m[Stat.GpuSecondsIdle] - churn + m[Stat.GpuSecondsRounding];
        double billedSeconds = busySeconds + coldSeconds + idleSeconds + strandedSeconds;
        double perGpuSecond = option.Pricing.PricePerGpuHourUsd / 3600.0;
        double coldPerGpuSecond = perGpuSecond;
        if (option.Spot is SpotSpec spot && billedSeconds > 0)
        {
            // Provisioning spot instances pay the spot price and provisioning on-demand ones theirs;
            // the cold starts compressed hours count out of idle time are the autoscaler's round
            // trips above the on-demand base, so spot ones while spot time is left; the rest of the
            // time (serving, idle, stranded) is shared by the two in proportion to what is left of
            // each. The month's total is every billed spot second at the spot price and every other
            // at the on-demand price either way: a blend of the two for everything had priced
            // document-extraction's cold starts, nearly all on spot instances, at twice the spot rate.
            double onDemand = option.Pricing.PricePerGpuHourUsd / 3600.0, spotRate = spot.PricePerGpuHourUsd / 3600.0;
            double spotBilled = Math.Clamp(m[Stat.SpotGpuSecondsBilled], 0, billedSeconds);
            double provisioning = m[Stat.GpuSecondsColdStart];
            double spotProvisioning = Math.Clamp(m[Stat.SpotGpuSecondsColdStart], 0, Math.Min(provisioning, spotBilled));
            double spotChurn = Math.Clamp(churn, 0, spotBilled - spotProvisioning);
            double rest = billedSeconds - provisioning - churn, spotRest = Math.Clamp(spotBilled - spotProvisioning - spotChurn, 0, Math.Max(0, rest));
            perGpuSecond = rest > 0 ? (spotRest * spotRate + (rest - spotRest) * onDemand) / rest : onDemand;
            double coldUsd = spotProvisioning * spotRate + (provisioning - spotProvisioning) * onDemand + spotChurn * spotRate + (churn - spotChurn) * onDemand;
            coldPerGpuSecond = coldSeconds > 0 ? coldUsd / coldSeconds : perGpuSecond;
        }
        perGpuSecond *= priceFactor;
        coldPerGpuSecond *= priceFactor;
        double serving = busySeconds * perGpuSecond;
        double cold = coldSeconds * coldPerGpuSecond;
        double idle = idleSeconds * perGpuSecond;
        double stranded = strandedSeconds * perGpuSecond;
        double gpuHours = billedSeconds / 3600.0;
        double spotSeconds = option.Spot is null ? 0 : Math.Clamp(m[Stat.SpotGpuSecondsBilled], 0, billedSeconds);
        if (option.Pricing.Model == GpuPricingModel.Reserved)
        {
            // A reservation bills the committed fleet's instances every hour of the month, used or not.
            // With spot capacity the reservation is the on-demand base's instances, every slot of
            // which the fleet fills before it rents spot, and the spot instances above them are
            // billed, as always, while they run, at the spot price.
            var packing = InstancePacking.Of(option);
            int committed = option.Spot is SpotSpec spotAbove
                ? packing.UnitsFor(spotAbove.OnDemandBaseReplicas) * packing.ReplicasPerUnit
                : option.FixedReplicas ?? option.Autoscaler!.MaxReplicas;
            double reservedGpus = packing.GpusBilledFor(committed);
            double spotUsd = option.Spot is SpotSpec s ? spotSeconds * s.PricePerGpuHourUsd / 3600.0 * priceFactor : 0;
            double unusable = (reservedGpus - committed * option.GpusPerReplica) * hoursInMonth * option.Pricing.PricePerGpuHourUsd * priceFactor;
            return Committed(reservedGpus * hoursInMonth * option.Pricing.PricePerGpuHourUsd * priceFactor + spotUsd, serving, cold, unusable,
                reservedGpus * hoursInMonth + spotSeconds / 3600.0) with { SpotGpuHours = spotSeconds / 3600.0 };
        }
        double committedGpus = 0, committedUsd = 0;
        foreach (ReservedCommitmentSpec r in reservations ?? [])
        {
            committedGpus += r.Gpus;
            // A commitment's price is a contract for its term: market moves (priceFactor) do not reach it.
            committedUsd += r.Gpus * hoursInMonth * r.PricePerGpuHourUsd;
        }
        if (committedGpus <= 0 || billedSeconds <= 0)
        {
            return committedGpus > 0 ? new GpuCharges(0, committedUsd, 0, 0, committedGpus * hoursInMonth) : new GpuCharges(serving, idle, cold, stranded, gpuHours, spotSeconds / 3600.0);
        }
        // GPU time above the commitment is bought at the fleet's own price; the commitment pays for
        // the rest. Spot instances sit above the on-demand base, so the time above the commitment
        // is spot first, at the spot price, and on demand for what is left of it.
        double aboveSeconds = Math.Min(billedSeconds, m.GpuSecondsAbove(committedGpus));
        double spotAboveSeconds = Math.Min(spotSeconds, aboveSeconds);
        double spotPerGpuSecond = option.Spot is SpotSpec above ? above.PricePerGpuHourUsd / 3600.0 * priceFactor : 0;
        double aboveUsd = spotAboveSeconds * spotPerGpuSecond + (aboveSeconds - spotAboveSeconds) * option.Pricing.PricePerGpuHourUsd / 3600.0 * priceFactor;
        double totalHours = committedGpus * hoursInMonth + aboveSeconds / 3600.0;
        return Committed(committedUsd + aboveUsd, serving, cold, stranded, totalHours) with { SpotGpuHours = spotAboveSeconds / 3600.0 };
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
    /// A month whose GPU bill is <paramref name="totalUsd"/> largely regardless of use: serving,
    /// cold-start and stranded time keep their value at list price up to the bill, and what is left
    /// of the bill is idle.
    /// </summary>
    private static GpuCharges Committed(double totalUsd, double serving, double cold, double stranded, double gpuHours)
    {
        double s = Math.Min(serving, totalUsd);
        double c = Math.Min(cold, totalUsd - s);
        double st = Math.Min(stranded, totalUsd - s - c);
        return new GpuCharges(s, totalUsd - s - c - st, c, st, gpuHours);
    }

    private static double TokenCost(ApiOptionSpec o, double uncachedInput, double cachedInput, double output) =>
        (uncachedInput * o.PricePerMillionInputTokensUsd
         + cachedInput * o.PricePerMillionCachedInputTokensUsd
         + output * o.PricePerMillionOutputTokensUsd) / 1_000_000.0;
}
