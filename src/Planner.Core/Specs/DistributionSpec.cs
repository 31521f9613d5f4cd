using MathNet.Numerics.Distributions;

namespace Planner.Core.Specs;

/// <summary>
/// A probability distribution of one uncertain scenario input. Values are drawn by inverting the
/// cumulative distribution at a uniform number, so a seeded uniform stream gives reproducible
/// samples and percentiles are exact.
/// </summary>
public sealed record DistributionSpec
{
    public required DistributionKind Kind { get; init; }
    /// <summary>Lower bound (uniform, triangular, PERT).</summary>
    public double Min { get; init; }
    /// <summary>Most likely value (triangular, PERT).</summary>
    public double Mode { get; init; }
    /// <summary>Upper bound (uniform, triangular, PERT).</summary>
    public double Max { get; init; }
    /// <summary>Mean (normal) or mean of the values (lognormal μ of ln X is derived).</summary>
    public double Mean { get; init; }
    /// <summary>Standard deviation (normal) or σ of ln X (lognormal).</summary>
    public double StandardDeviation { get; init; }
    /// <summary>μ of ln X (lognormal).</summary>
    public double LogMean { get; init; }
    /// <summary>Outcomes of a discrete distribution, with <see cref="Weights"/> (normalised).</summary>
    public IReadOnlyList<double> Values { get; init; } = [];
    public IReadOnlyList<double> Weights { get; init; } = [];

    /// <summary>The value below which a share <paramref name="probability"/> of draws fall (0 &lt; p &lt; 1).</summary>
    public double Quantile(double probability)
    {
        // A bounded distribution's ends are values it takes; a tail's are not.
        double p = HasTails ? Math.Clamp(probability, 1e-12, 1 - 1e-12) : Math.Clamp(probability, 0, 1);
        switch (Kind)
        {
            case DistributionKind.Uniform:
                return Min + p * (Max - Min);
            case DistributionKind.Triangular:
                return Max > Min ? Triangular.InvCDF(Min, Max, Mode, p) : Min;
            case DistributionKind.Normal:
                return Normal.InvCDF(Mean, StandardDeviation, p);
            case DistributionKind.Lognormal:
                return LogNormal.InvCDF(LogMean, StandardDeviation, p);
            case DistributionKind.Pert:
            {
                if (Max <= Min)
                {
                    return Min;
                }
                (double alpha, double beta) = PertShape();
                return Min + (Max - Min) * Beta.InvCDF(alpha, beta, p);
            }
            case DistributionKind.Discrete:
            {
                double total = Weights.Sum();
                double cumulative = 0;
                for (int i = 0; i < Values.Count; i++)
                {
                    cumulative += Weights[i] / total;
                    if (p <= cumulative + 1e-15)
                    {
                        return Values[i];
                    }
                }
                return Values[^1];
            }
            default:
                throw new InvalidOperationException($"unknown distribution kind {Kind}");
        }
    }

    /// <summary>Whether the distribution's values run without bound (normal, lognormal), so that draws are confined within its 0.1% and 99.9% quantiles.</summary>
    public bool HasTails => Kind is DistributionKind.Normal or DistributionKind.Lognormal;

    /// <summary>
    /// The lowest and highest values a Monte Carlo draws: a normal or lognormal distribution's
    /// <paramref name="lowQuantile"/> and <paramref name="highQuantile"/>, a bounded one's ends, a
    /// discrete one's smallest and largest value of weight above 0 (its values are in the order the
    /// scenario lists them, not sorted).
    /// </summary>
    public (double Low, double High) DrawnRange(double lowQuantile, double highQuantile)
    {
        if (Kind == DistributionKind.Discrete)
        {
            double[] drawn = [.. Values.Where((_, i) => Weights[i] > 0)];
            return drawn.Length == 0 ? (double.NaN, double.NaN) : (drawn.Min(), drawn.Max());
        }
        return HasTails ? (Quantile(lowQuantile), Quantile(highQuantile)) : (Quantile(0), Quantile(1));
    }

    /// <summary>The analytic mean of the distribution.</summary>
    public double ExpectedValue => Kind switch
    {
        DistributionKind.Uniform => (Min + Max) / 2,
        DistributionKind.Triangular => (Min + Mode + Max) / 3,
        DistributionKind.Normal => Mean,
        DistributionKind.Lognormal => Math.Exp(LogMean + StandardDeviation * StandardDeviation / 2),
        DistributionKind.Pert => (Min + 4 * Mode + Max) / 6,
        DistributionKind.Discrete => Values.Select((v, i) => v * Weights[i]).Sum() / Weights.Sum(),
        _ => double.NaN,
    };

    /// <summary>Short human description, for example "triangular(0.08, 0.15, 0.22)" or "uniform(180000, 260000)".</summary>
    public string Describe() => Kind switch
    {
        DistributionKind.Uniform => $"uniform({N(Min)}, {N(Max)})",
        DistributionKind.Triangular => $"triangular({N(Min)}, {N(Mode)}, {N(Max)})",
        DistributionKind.Pert => $"PERT({N(Min)}, {N(Mode)}, {N(Max)})",
        DistributionKind.Normal => $"normal(mean {N(Mean)}, sd {N(StandardDeviation)})",
        DistributionKind.Lognormal => $"lognormal(median {N(Math.Exp(LogMean))}, σ {StandardDeviation.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)})",
        DistributionKind.Discrete => "discrete{" + string.Join(", ", Values.Select((v, i) => $"{N(v)}: {(Weights[i] / Weights.Sum()).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}")) + "}",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Up to six significant digits written out, so that a parameter reads as the scenario wrote it
    /// (180000, 0.56336, 1.1066; four digits turned 0.56336 into 0.5634), not as 1.8E+05 (no
    /// thousands separator: the arguments are comma-separated); exponents only outside 1e-4 to 1e15.
    /// </summary>
    private static string N(double x)
    {
        System.Globalization.CultureInfo c = System.Globalization.CultureInfo.InvariantCulture;
        if (x == 0 || !double.IsFinite(x) || Math.Abs(x) < 1e-4 || Math.Abs(x) >= 1e15)
        {
            return x.ToString("G6", c);
        }
        double rounded = double.Parse(x.ToString("G6", c), c);
        return rounded.ToString("0.##########", c);
    }

    /// <summary>Beta shape of the PERT distribution (λ = 4).</summary>
    private (double Alpha, double Beta) PertShape()
    {
        double range = Max - Min;
        return (1 + 4 * (Mode - Min) / range, 1 + 4 * (Max - Mode) / range);
    }
}

/// <summary>Families an uncertain input may follow.</summary>
public enum DistributionKind
{
    Uniform,
    Triangular,
    Normal,
    Lognormal,
    Pert,
    Discrete,
}
