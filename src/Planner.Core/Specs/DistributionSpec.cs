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
        double p = Math.Clamp(probability, 1e-12, 1 - 1e-12);
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

    /// <summary>Short human description, for example "triangular(0.08, 0.15, 0.22)".</summary>
    public string Describe() => Kind switch
    {
        DistributionKind.Uniform => FormattableString.Invariant($"uniform({Min:G4}, {Max:G4})"),
        DistributionKind.Triangular => FormattableString.Invariant($"triangular({Min:G4}, {Mode:G4}, {Max:G4})"),
        DistributionKind.Pert => FormattableString.Invariant($"PERT({Min:G4}, {Mode:G4}, {Max:G4})"),
        DistributionKind.Normal => FormattableString.Invariant($"normal(mean {Mean:G4}, sd {StandardDeviation:G4})"),
        DistributionKind.Lognormal => FormattableString.Invariant($"lognormal(median {Math.Exp(LogMean):G4}, σ {StandardDeviation:G3})"),
        DistributionKind.Discrete => "discrete{" + string.Join(", ", Values.Select((v, i) => FormattableString.Invariant($"{v:G4}: {Weights[i] / Weights.Sum():0.##}"))) + "}",
        _ => Kind.ToString(),
    };

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
