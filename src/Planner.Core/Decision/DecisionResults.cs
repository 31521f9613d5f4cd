using Planner.Core.Specs;

namespace Planner.Core.Decision;

/// <summary>10th, 50th and 90th percentiles and the mean of a quantity over Monte Carlo samples.</summary>
public readonly record struct Band(double P10, double P50, double P90, double Mean)
{
    /// <summary>Percentiles (linear interpolation between order statistics) and mean of <paramref name="values"/>.</summary>
    public static Band Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new Band(double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return new Band(Percentile(sorted, 0.1), Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted.Average());
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values (Hyndman–Fan type 7, as R and NumPy by default).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double h = (sorted.Length - 1) * p;
        int low = (int)Math.Floor(h);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}

/// <summary>A Monte Carlo over the scenario's uncertain inputs.</summary>
public sealed record MonteCarloResult
{
    public required int Samples { get; init; }
    public required ulong Seed { get; init; }
    public required double DiscountRatePerYear { get; init; }
    public required string BaselineName { get; init; }
    public required IReadOnlyList<UncertainInputSpec> Inputs { get; init; }
    public required IReadOnlyList<OptionUncertainty> Options { get; init; }
    public required SurrogateInfo Surrogate { get; init; }
    /// <summary>Each sample's input values and every option's outcome in it, in sample order: what the bands and shares above are counted from.</summary>
    public IReadOnlyList<SampleOutcome> SampleOutcomes { get; init; } = [];
    /// <summary>Samples also simulated in full, to measure the surrogate's error; empty unless asked for.</summary>
    public IReadOnlyList<SurrogateCheck> Checks { get; init; } = [];
    /// <summary>
    /// Every sample was simulated in full (<c>--exact</c>): the bands come from full simulations,
    /// and <see cref="Checks"/> holds the surrogate's error on every sample.
    /// </summary>
    public bool FullySimulated { get; init; }
}

/// <summary>One Monte Carlo sample: the value each uncertain input drew (in the scenario's order) and each option's outcome (in the scenario's order).</summary>
public sealed record SampleOutcome(int Sample, IReadOnlyList<double> Values, IReadOnlyList<SampleOptionOutcome> Options);

/// <summary>
/// One option in one sample: what it paid over the horizon, undiscounted and at present value;
/// the baseline's present cost minus its own and the month from which it has paid off against the
/// baseline (null for the baseline, and for a month when it never pays off by the horizon); whether
/// it met the SLO every month; whether its present cost was the lowest of all options'.
/// </summary>
public sealed record SampleOptionOutcome(double TotalCostUsd, double NpvCostUsd, double? NpvSavingsUsd, int? BreakEvenMonth, bool MeetsSloEveryMonth, bool LowestNpvCost);

/// <summary>One option's distribution of outcomes over the samples.</summary>
public sealed record OptionUncertainty
{
    public required string Name { get; init; }
    /// <summary>Monthly cost of goods sold, one band per month.</summary>
    public required IReadOnlyList<Band> MonthlyCogsUsd { get; init; }
    /// <summary>Everything paid over the horizon (COGS, one-time, fine-tuning).</summary>
    public required Band TotalCostUsd { get; init; }
    /// <summary>Present value of everything paid, discounted monthly.</summary>
    public required Band NpvCostUsd { get; init; }
    /// <summary>Present value of the baseline's costs minus this option's; null for the baseline.</summary>
    public Band? NpvSavingsUsd { get; init; }
    /// <summary>Probability that the option has paid off against the baseline by month M (entry M − 1); empty for the baseline.</summary>
    public IReadOnlyList<double> PaidOffByMonth { get; init; } = [];
    /// <summary>Share of samples in which the option never breaks even within the horizon.</summary>
    public double ProbabilityNeverPaysOff { get; init; }
    /// <summary>Median break-even month over the samples that break even; null when fewer than half do.</summary>
    public int? MedianBreakEvenMonth { get; init; }
    /// <summary>Share of samples in which the option meets the SLO every month.</summary>
    public required double ProbabilityMeetsSlo { get; init; }
    /// <summary>Share of samples in which the option has the lowest present cost of all options.</summary>
    public required double ProbabilityCheapest { get; init; }
}

/// <summary>How the samples were evaluated.</summary>
public sealed record SurrogateInfo
{
    /// <summary>Daily volumes simulated for the central response surface.</summary>
    public required IReadOnlyList<double> DayVolumes { get; init; }
    /// <summary>Inputs that change the simulated system, each simulated at its 5th and 95th percentile.</summary>
    public required IReadOnlyList<string> PhysicsInputs { get; init; }
    public required long SimulatedRequests { get; init; }
    public required double BuildSeconds { get; init; }
    public required double EvaluateSeconds { get; init; }
}

/// <summary>One sample evaluated both by the surrogate and by a full simulation.</summary>
public sealed record SurrogateCheck
{
    public required int Sample { get; init; }
    public required string Option { get; init; }
    public required double SurrogateTotalCostUsd { get; init; }
    public required double SimulatedTotalCostUsd { get; init; }
    /// <summary>Largest relative difference of a month's COGS.</summary>
    public required double MaxMonthlyCogsError { get; init; }
    /// <summary>The same yardsticks between two full simulations of the sample with different seeds; NaN where the sample was simulated with one seed only.</summary>
    public required double SeedMaxMonthlyCogsError { get; init; }
    public required double SeedTotalCostError { get; init; }
    /// <summary>Months whose SLO verdict differs.</summary>
    public required int SloVerdictMismatches { get; init; }

    public double TotalCostError => SimulatedTotalCostUsd != 0 ? (SurrogateTotalCostUsd - SimulatedTotalCostUsd) / SimulatedTotalCostUsd : 0;
}

/// <summary>One-at-a-time sensitivity of one option's case against the baseline.</summary>
public sealed record TornadoResult
{
    public required string Option { get; init; }
    /// <summary>The option it is compared with: the other side of the run's best-alternative pair (often the baseline).</summary>
    public required string Baseline { get; init; }
    /// <summary>Savings at the horizon (the compared option's cumulative cost minus this option's) with every input at its median.</summary>
    public required double BaseSavingsUsd { get; init; }
    public int? BaseBreakEvenMonth { get; init; }
    /// <summary>Largest swing first.</summary>
    public required IReadOnlyList<TornadoBar> Bars { get; init; }
}

/// <summary>The effect of one input moved from its 10th to its 90th percentile, the others at their medians.</summary>
public sealed record TornadoBar
{
    public required string Label { get; init; }
    public required string Path { get; init; }
    public required double LowValue { get; init; }
    public required double HighValue { get; init; }
    public required double SavingsAtLowUsd { get; init; }
    public required double SavingsAtHighUsd { get; init; }
    public int? BreakEvenAtLow { get; init; }
    public int? BreakEvenAtHigh { get; init; }

    /// <summary>How far the savings move across the input's range.</summary>
    public double SwingUsd => Math.Abs(SavingsAtHighUsd - SavingsAtLowUsd);

    /// <summary>How far the break-even month moves (a month past the horizon counts as horizon + 1).</summary>
    public int BreakEvenSwingMonths(int horizon) => Math.Abs((BreakEvenAtHigh ?? horizon + 1) - (BreakEvenAtLow ?? horizon + 1));
}
