namespace Planner.Core.Metrics;

/// <summary>
/// Streaming, mergeable histogram of positive durations with bounded relative error
/// (log-spaced buckets, as in DDSketch): any quantile it reports is within
/// <see cref="RelativeAccuracy"/> of a true sample at that rank. Counts are weights, so a
/// window standing for many days adds its samples with that many days' weight.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Bound on the relative error of reported quantiles.</summary>
    public const double RelativeAccuracy = 0.01;

    private const double MinTrackedSeconds = 1e-6;
    private const double MaxTrackedSeconds = 1e6;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(MaxTrackedSeconds / MinTrackedSeconds) / LogGamma) + 2;

    private readonly double[] _weights = new double[BucketCount];
    private double _zeroWeight;

    /// <summary>Total weight recorded.</summary>
    public double TotalWeight { get; private set; }

    public void Record(double seconds, double weight = 1.0)
    {
        if (!(weight > 0))
        {
            return;
        }
        TotalWeight += weight;
        if (seconds <= MinTrackedSeconds)
        {
            _zeroWeight += weight;
            return;
        }
        int index = Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(seconds / MinTrackedSeconds) / LogGamma));
        _weights[index] += weight;
    }

    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < BucketCount; i++)
        {
            _weights[i] += other._weights[i];
        }
        _zeroWeight += other._zeroWeight;
        TotalWeight += other.TotalWeight;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) in seconds; NaN when empty.</summary>
    public double Quantile(double quantile)
    {
        if (TotalWeight <= 0)
        {
            return double.NaN;
        }
        double rank = Math.Clamp(quantile, 0, 1) * TotalWeight;
        double cumulative = _zeroWeight;
        if (cumulative >= rank && _zeroWeight > 0)
        {
            return 0;
        }
        for (int i = 0; i < BucketCount; i++)
        {
            cumulative += _weights[i];
            if (cumulative >= rank && _weights[i] > 0)
            {
                // Bucket i holds (γ^(i-1), γ^i] × min; its midpoint in relative terms is 2γ^i/(γ+1).
                return MinTrackedSeconds * Math.Pow(Gamma, i) * 2 / (Gamma + 1);
            }
        }
        return MinTrackedSeconds * Math.Pow(Gamma, BucketCount - 1);
    }

    /// <summary>Weight of samples at or below <paramref name="seconds"/> (bucket resolution).</summary>
    public double WeightAtOrBelow(double seconds)
    {
        double sum = _zeroWeight;
        if (seconds <= MinTrackedSeconds)
        {
            return sum;
        }
        int index = Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(seconds / MinTrackedSeconds) / LogGamma));
        for (int i = 0; i <= index; i++)
        {
            sum += _weights[i];
        }
        return sum;
    }
}
