using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Metrics;
using Planner.Core.Randomness;

namespace Planner.Core.Tests.Metrics;

/// <summary>
/// The histogram's guarantee is deterministic, so these are exact properties: every reported
/// quantile is within <see cref="LatencyHistogram.RelativeAccuracy"/> (1%) of the sample at
/// that rank, merging is the same as recording into one, and weights are repeated samples.
/// </summary>
public sealed class LatencyHistogramTests
{
    private static readonly double[] Quantiles = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    // 1% from the bucket geometry, plus 1e-12 relative for the logarithm's rounding at a bucket edge.
    private const double Tolerance = LatencyHistogram.RelativeAccuracy * (1 + 1e-9) + 1e-12;

    /// <summary>Lognormal samples kept inside the tracked range (1 µs to 10⁶ s): μ ∈ [−4, 4] (so even a 6.5σ draw stays inside), σ ∈ [0.05, 1.5].</summary>
    private static readonly Arbitrary<(int Seed, double Mu, double Sigma, int Count)> Samples = Arb.From(
        from seed in Gen.Choose(0, int.MaxValue)
        from mu in Gen.Choose(-400, 400).Select(x => x / 100.0)
        from sigma in Gen.Choose(5, 150).Select(x => x / 100.0)
        from count in Gen.Choose(1, 3000)
        select (seed, mu, sigma, count));

    [Fact]
    public void QuantilesAreWithinOnePercentOfTheExactSampleQuantiles()
    {
        Property property = Prop.ForAll(Samples, s =>
        {
            double[] x = Lognormal(s.Seed, s.Mu, s.Sigma, s.Count);
            var h = new LatencyHistogram();
            foreach (double v in x)
            {
                h.Record(v);
            }
            Array.Sort(x);
            foreach (double q in Quantiles)
            {
                // The histogram reports the sample of 1-based rank ⌈q·n⌉ (the smallest for q = 0).
                double exact = x[Math.Max(1, (int)Math.Ceiling(q * x.Length)) - 1];
                double estimate = h.Quantile(q);
                if (Math.Abs(estimate - exact) > Tolerance * exact)
                {
                    return false;
                }
            }
            return h.TotalWeight == x.Length;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void MergeEqualsRecordingIntoOne()
    {
        Property property = Prop.ForAll(Samples, Arb.From(Gen.Choose(0, 100)), (s, splitPercent) =>
        {
            double[] x = Lognormal(s.Seed, s.Mu, s.Sigma, s.Count);
            int split = x.Length * splitPercent / 100;
            var one = new LatencyHistogram();
            var left = new LatencyHistogram();
            var right = new LatencyHistogram();
            for (int i = 0; i < x.Length; i++)
            {
                one.Record(x[i]);
                (i < split ? left : right).Record(x[i]);
            }
            left.Merge(right);
            return left.TotalWeight == one.TotalWeight
                && Quantiles.All(q => left.Quantile(q) == one.Quantile(q))
                && x.Where((_, i) => i % 50 == 0).All(v => left.WeightAtOrBelow(v) == one.WeightAtOrBelow(v));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void IntegerWeightsActAsRepeatedSamples()
    {
        Property property = Prop.ForAll(Samples, s =>
        {
            double[] x = Lognormal(s.Seed, s.Mu, s.Sigma, Math.Min(s.Count, 500));
            var random = new RandomStream((ulong)s.Seed);
            var weighted = new LatencyHistogram();
            var repeated = new LatencyHistogram();
            var expanded = new List<double>();
            foreach (double v in x)
            {
                int w = 1 + random.NextInt(5);
                weighted.Record(v, w);
                for (int k = 0; k < w; k++)
                {
                    repeated.Record(v);
                    expanded.Add(v);
                }
            }
            expanded.Sort();
            return weighted.TotalWeight == expanded.Count
                && Quantiles.All(q => weighted.Quantile(q) == repeated.Quantile(q))
                && Quantiles.All(q =>
                {
                    double exact = expanded[Math.Max(1, (int)Math.Ceiling(q * expanded.Count)) - 1];
                    return Math.Abs(weighted.Quantile(q) - exact) <= Tolerance * exact;
                });
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void FractionalWeightsScaleLikeTheirRatio()
    {
        // A window standing for 22.5 days adds its samples with weight 22.5; quantiles depend
        // only on relative weights, so scaling all weights changes nothing.
        double[] x = Lognormal(7, -1, 0.8, 2000);
        var unit = new LatencyHistogram();
        var scaled = new LatencyHistogram();
        foreach (double v in x)
        {
            unit.Record(v);
            scaled.Record(v, 22.5);
        }
        Assert.Equal(2000 * 22.5, scaled.TotalWeight, 6);
        foreach (double q in Quantiles)
        {
            Assert.Equal(unit.Quantile(q), scaled.Quantile(q));
        }
    }

    [Fact]
    public void HeavyWeightMovesTheMedian()
    {
        var h = new LatencyHistogram();
        h.Record(0.010, 1);
        h.Record(1.000, 3);
        // Three quarters of the weight sit at 1 s.
        Assert.Equal(1.0, h.Quantile(0.5), 0.01);
        Assert.Equal(0.010, h.Quantile(0.25), 0.0001);
    }

    [Fact]
    public void WeightAtOrBelowBracketsTheExactCountWithinOneBucket()
    {
        double[] x = Lognormal(3, 0, 1, 5000);
        var h = new LatencyHistogram();
        foreach (double v in x)
        {
            h.Record(v);
        }
        double gamma = (1 + LatencyHistogram.RelativeAccuracy) / (1 - LatencyHistogram.RelativeAccuracy);
        foreach (double t in new[] { 0.1, 0.5, 1, 2, 5 })
        {
            double w = h.WeightAtOrBelow(t);
            Assert.InRange(w, x.Count(v => v <= t / gamma), x.Count(v => v <= t * gamma));
        }
    }

    [Fact]
    public void TableLookupGivesTheDefiningBucketOfEveryDouble()
    {
        // Around every bucket edge (the edge and its neighbouring doubles), at slice edges (powers
        // of two and their 128ths), across the range at random, and past it.
        var checkedValues = new List<double>();
        double gamma = (1 + LatencyHistogram.RelativeAccuracy) / (1 - LatencyHistogram.RelativeAccuracy);
        for (double edge = 1e-6; edge < 2e6; edge *= gamma)
        {
            double x = edge;
            for (int k = 0; k < 3; k++)
            {
                x = Math.BitDecrement(x);
            }
            for (int k = 0; k < 7; k++, x = Math.BitIncrement(x))
            {
                checkedValues.Add(x);
            }
        }
        for (int e = -19; e <= 21; e++)
        {
            for (int k = 0; k < 128; k++)
            {
                double start = Math.ScaleB(1 + k / 128.0, e);
                checkedValues.AddRange([Math.BitDecrement(start), start, Math.BitIncrement(start)]);
            }
        }
        var random = new RandomStream(5);
        for (int i = 0; i < 200_000; i++)
        {
            checkedValues.Add(1e-6 * Math.Pow(10, 12.5 * random.NextDouble()));
        }
        checkedValues.AddRange([Math.BitIncrement(1e-6), 1e6, 1e7, 1e300, double.MaxValue, double.PositiveInfinity]);

        foreach (double x in checkedValues.Where(v => v > 1e-6))
        {
            Assert.Equal(LatencyHistogram.BucketOf(x), LatencyHistogram.LookUpBucket(x));
        }
    }

    [Fact]
    public void EmptyZeroAndNonPositiveWeights()
    {
        var h = new LatencyHistogram();
        Assert.True(double.IsNaN(h.Quantile(0.5)));
        h.Record(0.5, 0);
        h.Record(0.5, -3);
        h.Record(0.5, double.NaN);
        Assert.Equal(0, h.TotalWeight);
        Assert.True(double.IsNaN(h.Quantile(0.5)));
        // Durations at or below 1 µs count as zero.
        h.Record(0, 1);
        h.Record(5e-7, 1);
        h.Record(2.0, 1);
        Assert.Equal(0, h.Quantile(0.5));
        Assert.Equal(2.0, h.Quantile(1), 0.02);
    }

    private static double[] Lognormal(int seed, double mu, double sigma, int n)
    {
        var r = new RandomStream((ulong)seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Exp(mu + sigma * r.NextNormal());
        }
        return x;
    }
}
