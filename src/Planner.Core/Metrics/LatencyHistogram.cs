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
        _weights[LookUpBucket(seconds)] += weight;
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

    /// <summary>
    /// Every number the histogram holds, for carrying it to another process; <see cref="Restore"/>
    /// rebuilds an identical histogram (same bits, so merges and quantiles give the same bytes).
    /// </summary>
    public LatencyHistogramState Capture() => new(_zeroWeight, (double[])_weights.Clone(), TotalWeight);

    /// <summary>Replaces this histogram's contents with a captured state.</summary>
    public void Restore(LatencyHistogramState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.BucketWeights.Count != BucketCount)
        {
            throw new ArgumentException($"a latency histogram has {BucketCount} buckets, the state {state.BucketWeights.Count}", nameof(state));
        }
        for (int i = 0; i < BucketCount; i++)
        {
            _weights[i] = state.BucketWeights[i];
        }
        _zeroWeight = state.ZeroWeight;
        TotalWeight = state.TotalWeight;
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
        int index = LookUpBucket(seconds);
        for (int i = 0; i <= index; i++)
        {
            sum += _weights[i];
        }
        return sum;
    }

    /// <summary>
    /// Running totals of weight: entry 0 is the weight at zero, entry i + 1 the weight up to bucket i;
    /// with <see cref="MixtureQuantile"/> it gives quantiles of weighted mixtures without merging.
    /// </summary>
    public double[] CumulativeWeights()
    {
        var cumulative = new double[BucketCount + 1];
        cumulative[0] = _zeroWeight;
        for (int i = 0; i < BucketCount; i++)
        {
            cumulative[i + 1] = cumulative[i] + _weights[i];
        }
        return cumulative;
    }

    /// <summary>
    /// The <paramref name="quantile"/> in seconds of the mixture Σ weights[j] × histogram j, given
    /// each histogram's <see cref="CumulativeWeights"/>: the same value <see cref="Quantile"/> would
    /// return for the merged histogram. NaN when the mixture is empty.
    /// </summary>
    public static double MixtureQuantile(ReadOnlySpan<double[]> cumulative, ReadOnlySpan<double> weights, double quantile)
    {
        double total = 0;
        for (int j = 0; j < cumulative.Length; j++)
        {
            total += weights[j] * cumulative[j][^1];
        }
        if (!(total > 0))
        {
            return double.NaN;
        }
        double rank = Math.Clamp(quantile, 0, 1) * total;
        // Smallest entry whose running total reaches the rank.
        int low = 0, high = BucketCount;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            double sum = 0;
            for (int j = 0; j < cumulative.Length; j++)
            {
                sum += weights[j] * cumulative[j][mid];
            }
            if (sum >= rank * (1 - 1e-12))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low == 0 ? 0 : MinTrackedSeconds * Math.Pow(Gamma, low - 1) * 2 / (Gamma + 1);
    }

    /// <summary>The defining bucket of a duration above the tracked minimum: ⌈ln(s / min) / ln γ⌉, capped at the last bucket.</summary>
    internal static int BucketOf(double seconds) =>
        Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(seconds / MinTrackedSeconds) / LogGamma));

    /// <summary>The bucket of a duration above the tracked minimum, as <see cref="BucketOf"/> defines it, from tables.</summary>
    internal static int LookUpBucket(double seconds) => BucketIndex.Instance.Of(seconds);

    /// <summary>
    /// <see cref="BucketOf"/> without a logarithm per sample: every latency of every request is
    /// recorded three times, and the logarithm was a tenth of the simulation's time. The bucket
    /// edges are found once, as the exact doubles where <see cref="BucketOf"/> steps up, so the
    /// lookup gives the same bucket for every double. A table indexed by a double's exponent and
    /// top mantissa bits gives the bucket at the start of that slice of the number line; a slice
    /// (at most 1/128 of an octave) is narrower than a bucket (γ ≈ 1.02), so it holds at most
    /// one edge, and one comparison settles which side a value lies on.
    /// </summary>
    private sealed class BucketIndex
    {
        private const int SliceShift = 52 - 7;

        /// <summary>
        /// Built on first use, after the histogram's own constants are set: built while they were
        /// being set, every read of them went through the type's initialisation check, and the
        /// tables took milliseconds.
        /// </summary>
        public static readonly BucketIndex Instance = new();

        private readonly double[] _lowerEdge;
        private readonly int[] _sliceStart;
        private readonly long _firstSlice;

        private BucketIndex()
        {
            // _lowerEdge[i]: the smallest double above the minimum whose bucket is at least i.
            _lowerEdge = new double[BucketCount + 1];
            _lowerEdge[0] = MinTrackedSeconds;
            for (int i = 1; i < BucketCount; i++)
            {
                _lowerEdge[i] = FirstAtLeast(i, _lowerEdge[i - 1]);
            }
            _lowerEdge[BucketCount] = double.PositiveInfinity;
            _firstSlice = Slice(MinTrackedSeconds);
            long lastSlice = Slice(_lowerEdge[BucketCount - 1]);
            _sliceStart = new int[lastSlice - _firstSlice + 1];
            int bucket = 0;
            for (long slice = _firstSlice; slice <= lastSlice; slice++)
            {
                // The bucket of the slice's smallest double that is recorded in a bucket (above the
                // minimum): the last whose lower edge is at or below it.
                double start = Math.Max(Math.BitIncrement(MinTrackedSeconds), BitConverter.Int64BitsToDouble(slice << SliceShift));
                while (_lowerEdge[bucket + 1] <= start)
                {
                    bucket++;
                }
                _sliceStart[slice - _firstSlice] = bucket;
            }
        }

        /// <summary>The bucket of <paramref name="seconds"/>, which must lie above the tracked minimum: <see cref="BucketOf"/> exactly.</summary>
        public int Of(double seconds)
        {
            long slice = Slice(seconds) - _firstSlice;
            if ((ulong)slice >= (ulong)_sliceStart.Length)
            {
                // Past the table (the last bucket) or not a number: the definition itself.
                return BucketOf(seconds);
            }
            int bucket = _sliceStart[slice];
            return seconds >= _lowerEdge[bucket + 1] ? bucket + 1 : bucket;
        }

        private static long Slice(double seconds) => BitConverter.DoubleToInt64Bits(seconds) >> SliceShift;

        /// <summary>
        /// The smallest double above <paramref name="from"/> in <paramref name="bucket"/> or beyond:
        /// found by stepping from where the edge lies in exact arithmetic (min · γ^(bucket − 1)),
        /// a few doubles off at most, else by binary search (positive doubles order as their bits).
        /// </summary>
        private static double FirstAtLeast(int bucket, double from)
        {
            double x = Math.Max(Math.BitIncrement(from), MinTrackedSeconds * Math.Exp((bucket - 1) * LogGamma));
            for (int step = 0; step < 64; step++)
            {
                if (BucketOf(x) < bucket)
                {
                    x = Math.BitIncrement(x);
                }
                else if (x > Math.BitIncrement(from) && BucketOf(Math.BitDecrement(x)) >= bucket)
                {
                    x = Math.BitDecrement(x);
                }
                else
                {
                    return x;
                }
            }
            long low = BitConverter.DoubleToInt64Bits(from);
            long high = BitConverter.DoubleToInt64Bits(MaxTrackedSeconds * Gamma * Gamma * Gamma);
            while (low + 1 < high)
            {
                long middle = low + (high - low) / 2;
                if (BucketOf(BitConverter.Int64BitsToDouble(middle)) >= bucket)
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }
            return BitConverter.Int64BitsToDouble(high);
        }
    }
}
