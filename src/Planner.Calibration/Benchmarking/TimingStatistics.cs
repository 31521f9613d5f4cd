using MathNet.Numerics.Distributions;

namespace Planner.Calibration.Benchmarking;

/// <summary>Summary of repeated timings of one point: mean with its 95% confidence interval, percentiles, minimum.</summary>
public sealed record TimingStatistics
{
    public required int Runs { get; init; }

    public required double MeanSeconds { get; init; }

    /// <summary>Half-width of the mean's 95% confidence interval (Student's t), seconds.</summary>
    public required double Ci95HalfWidthSeconds { get; init; }

    public required double P50Seconds { get; init; }

    public required double P90Seconds { get; init; }

    public required double P99Seconds { get; init; }

    public required double MinSeconds { get; init; }

    public double RelativeHalfWidth => MeanSeconds > 0 ? Ci95HalfWidthSeconds / MeanSeconds : double.PositiveInfinity;

    public static TimingStatistics Of(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }
        double[] sorted = [.. samples.Order()];
        int n = sorted.Length;
        double mean = sorted.Average();
        double halfWidth = double.PositiveInfinity;
        if (n >= 2)
        {
            double variance = sorted.Sum(x => (x - mean) * (x - mean)) / (n - 1);
            halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.975) * Math.Sqrt(variance / n);
        }
        return new TimingStatistics
        {
            Runs = n,
            MeanSeconds = mean,
            Ci95HalfWidthSeconds = halfWidth,
            P50Seconds = Quantile(sorted, 0.50),
            P90Seconds = Quantile(sorted, 0.90),
            P99Seconds = Quantile(sorted, 0.99),
            MinSeconds = sorted[0],
        };
    }

    /// <summary>Linear interpolation between order statistics (the common "type 7" definition).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
