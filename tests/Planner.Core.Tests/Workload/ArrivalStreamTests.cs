using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Workload;

/// <summary>
/// Arrival processes: counts, inter-arrival moments, piecewise rates and trace replay.
/// Statistical checks are seeded and allow 4 standard errors of the estimator (two-sided
/// normal tail 6·10⁻⁵), each standard error derived in place.
/// </summary>
public sealed class ArrivalStreamTests
{
    private static readonly WorkloadSpec Poisson = TestSpecs.Workload();

    [Theory]
    [InlineData(0.5, 20_000.0, 1UL)]
    [InlineData(3.0, 5_000.0, 2UL)]
    [InlineData(40.0, 1_000.0, 3UL)]
    public void PoissonCountOverAWindowIsRateTimesDuration(double rate, double seconds, ulong seed)
    {
        int count = Times([new LoadSegment(seconds, rate, 1, 0)], Poisson, seed).Count;
        double mean = rate * seconds;
        // Poisson count: sd = √(λT).
        Assert.InRange(count, mean - 4 * Math.Sqrt(mean), mean + 4 * Math.Sqrt(mean));
    }

    [Fact]
    public void PoissonCountsAreEquidispersed()
    {
        // 400 independent windows with mean 50: the index of dispersion var/mean is 1 for Poisson;
        // its estimator's sd is about √(2/(n−1)) = 0.071, so 4 sd is ±0.28.
        const int windows = 400;
        const double mean = 50;
        var counts = Enumerable.Range(0, windows)
            .Select(i => (double)Times([new LoadSegment(100, mean / 100, 1, 0)], Poisson, 1000 + (ulong)i).Count)
            .ToArray();
        double m = counts.Average();
        double v = counts.Sum(c => (c - m) * (c - m)) / (windows - 1);
        Assert.InRange(m, mean - 4 * Math.Sqrt(mean / windows), mean + 4 * Math.Sqrt(mean / windows));
        Assert.InRange(v / m, 1 - 4 * Math.Sqrt(2.0 / (windows - 1)), 1 + 4 * Math.Sqrt(2.0 / (windows - 1)));
    }

    [Theory]
    [InlineData(ArrivalProcessKind.Poisson, 1.0)]
    [InlineData(ArrivalProcessKind.Gamma, 2.0)]
    [InlineData(ArrivalProcessKind.Gamma, 0.5)]
    public void InterArrivalGapsHaveTheRightMeanAndCoefficientOfVariation(ArrivalProcessKind kind, double cv)
    {
        const double rate = 4.0;
        const int n = 200_000;
        WorkloadSpec w = TestSpecs.Workload(arrivals: new ArrivalSpec { Kind = kind, CoefficientOfVariation = cv });
        List<double> t = Times([new LoadSegment(n / rate, rate, 1, 0)], w, 17);
        double[] gaps = [.. t.Zip(t.Skip(1), (a, b) => b - a)];

        double mean = gaps.Average();
        double sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Length - 1));
        // Mean of n gaps: relative sd = CV/√n (≤ 0.45% here).
        Assert.InRange(mean * rate, 1 - 4 * cv / Math.Sqrt(n), 1 + 4 * cv / Math.Sqrt(n));
        // Sample CV of gamma(k) gaps, k = 1/CV²: relative sd ≈ ½√((2 + 6/k)/n) (the variance of s²
        // involves the excess kurtosis 6/k), plus the mean's CV/√n; 1.3% at CV = 2.
        double k = 1 / (cv * cv);
        double relSe = 0.5 * Math.Sqrt((2 + 6 / k) / n) + cv / Math.Sqrt(n);
        Assert.InRange(sd / mean / cv, 1 - 4 * relSe, 1 + 4 * relSe);
    }

    [Theory]
    [InlineData(ArrivalProcessKind.Poisson, 1.0)]
    [InlineData(ArrivalProcessKind.Gamma, 2.0)]
    public void PiecewiseRatesArePreservedPerSegment(ArrivalProcessKind kind, double cv)
    {
        LoadSegment[] segments =
        [
            new(4000, 1.0, 1, 0),
            new(2000, 5.0, 1, 1),
            new(1000, 0.0, 1, 2),
            new(8000, 0.5, 1, 3),
            new(1000, 20.0, 1, 4),
        ];
        WorkloadSpec w = TestSpecs.Workload(arrivals: new ArrivalSpec { Kind = kind, CoefficientOfVariation = cv });
        List<double> t = Times(segments, w, 23);
        double start = 0;
        foreach (LoadSegment s in segments)
        {
            double end = start + s.DurationSeconds;
            int count = t.Count(x => x >= start && x < end);
            double mean = s.RequestsPerSecond * s.DurationSeconds;
            // A renewal count over a long stretch has variance ≈ CV²·λT.
            double sd = cv * Math.Sqrt(mean);
            Assert.InRange(count, mean - 4 * sd - 1, mean + 4 * sd + 1);
            start = end;
        }
        Assert.Equal(0, t.Count(x => x >= 6000 && x < 7000));
    }

    [Fact]
    public void GammaBurstinessSurvivesARateChange()
    {
        // Gaps are mapped linearly inside a segment, so the CV inside each segment stays 2.
        WorkloadSpec w = TestSpecs.Workload(arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2 });
        List<double> t = Times([new LoadSegment(50_000, 2.0, 1, 0), new LoadSegment(10_000, 10.0, 1, 1)], w, 5);
        foreach ((double from, double to) in new[] { (0.0, 50_000.0), (50_000.0, 60_000.0) })
        {
            double[] inside = [.. t.Where(x => x > from && x < to)];
            double[] gaps = [.. inside.Zip(inside.Skip(1), (a, b) => b - a)];
            double mean = gaps.Average();
            double cv = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Length - 1)) / mean;
            // 100,000 gaps per segment: relative se ≈ ½√(26/n) + 2/√n = 1.4%; 4 se ≈ 6%.
            Assert.InRange(cv, 2 * (1 - 0.06), 2 * (1 + 0.06));
        }
    }

    [Fact]
    public void GammaArrivalsStartInEquilibrium()
    {
        // A stationary renewal process has E[N(0, T]] = λT for any T. Over 4,000 windows with
        // λT = 5, the mean count has sd ≈ √(CV²·λT/4000) (≈ 0.07 for CV = 2); a start that
        // is not in equilibrium shows as a bias of order (CV² + 1)/2 arrivals per window.
        WorkloadSpec w = TestSpecs.Workload(arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2 });
        const int windows = 4000;
        const double expected = 5;
        var counts = new double[windows];
        int atZero = 0;
        for (int i = 0; i < windows; i++)
        {
            List<double> t = Times([new LoadSegment(5, 1.0, 1, 0)], w, 50_000 + (ulong)i);
            counts[i] = t.Count;
            atZero += t.Count(x => x == 0);
        }
        double mean = counts.Average();
        double se = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (windows - 1) / windows);
        Assert.True(Math.Abs(mean - expected) <= 4 * se, $"mean count {mean:F3} ± {se:F3} vs {expected} (arrivals at exactly t=0: {atZero})");
        // Gaps are continuous, so no arrival should land exactly on the window's start.
        Assert.Equal(0, atZero);
    }

    [Fact]
    public void TraceReplayKeepsTheTraceOrderAndGapsAtItsOwnRate()
    {
        TraceReplaySpec trace = Trace();
        WorkloadSpec w = TestSpecs.Workload(replay: trace);
        double ownRate = trace.OffsetSeconds.Count / trace.DurationSeconds; // 5 rows in 10 s
        var stream = new ArrivalStream([new LoadSegment(100, ownRate, 1, 0)], w, new RandomStream(9));

        var rows = new List<int>();
        var times = new List<double>();
        for (double x = stream.Next(); !double.IsPositiveInfinity(x); x = stream.Next())
        {
            times.Add(x);
            rows.Add(stream.LastTraceRow);
        }

        Assert.Equal(0.0, times[0]);
        Assert.InRange(times.Count, 49, 51);
        for (int i = 1; i < rows.Count; i++)
        {
            Assert.Equal((rows[i - 1] + 1) % 5, rows[i]);
            Assert.Equal(TraceGap(trace, rows[i - 1]), times[i] - times[i - 1], 9);
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.25)]
    public void TraceReplayScalesItsGapsToTheRate(double speedUp)
    {
        TraceReplaySpec trace = Trace();
        WorkloadSpec w = TestSpecs.Workload(replay: trace);
        double rate = speedUp * trace.OffsetSeconds.Count / trace.DurationSeconds;
        var stream = new ArrivalStream([new LoadSegment(400, rate, 1, 0)], w, new RandomStream(3));

        double previous = stream.Next();
        int previousRow = stream.LastTraceRow;
        int count = 1;
        for (double x = stream.Next(); !double.IsPositiveInfinity(x); x = stream.Next())
        {
            Assert.Equal(TraceGap(trace, previousRow) / speedUp, x - previous, 9);
            previous = x;
            previousRow = stream.LastTraceRow;
            count++;
        }
        // Whole tiles of the trace fit the window: rate × duration arrivals, ±1 for the partial tile edge.
        Assert.InRange(count, rate * 400 - 1, rate * 400 + 1);
    }

    [Fact]
    public void TraceReplayDrawsTokenCountsFromTheReplayedRow()
    {
        TraceReplaySpec trace = Trace();
        var sampler = new RequestSampler(TestSpecs.Workload(replay: trace));
        var random = new RandomStream(1);
        for (int row = 0; row < 5; row++)
        {
            sampler.Sample(random, row, out int input, out int output, out int cached);
            Assert.Equal(trace.InputTokens[row], input);
            Assert.Equal(Math.Max(1, trace.OutputTokens[row]), output);
            Assert.Equal(0, cached);
        }
    }

    [Fact]
    public void ExhaustedStreamReturnsInfinity()
    {
        var stream = new ArrivalStream([new LoadSegment(10, 1, 1, 0)], Poisson, new RandomStream(4));
        double x;
        int n = 0;
        while (!double.IsPositiveInfinity(x = stream.Next()))
        {
            Assert.InRange(x, 0, 10);
            n++;
        }
        Assert.True(n < 100);
        Assert.Equal(double.PositiveInfinity, stream.Next());
    }

    private static TraceReplaySpec Trace() => new()
    {
        Source = "test",
        OffsetSeconds = [0, 0.5, 2, 2.25, 7],
        InputTokens = [100, 200, 300, 400, 500],
        OutputTokens = [0, 20, 30, 40, 50],
        DurationSeconds = 10,
    };

    /// <summary>Gap after row <paramref name="row"/> in the trace's own time, wrapping at its duration.</summary>
    private static double TraceGap(TraceReplaySpec trace, int row) => row + 1 < trace.OffsetSeconds.Count
        ? trace.OffsetSeconds[row + 1] - trace.OffsetSeconds[row]
        : trace.DurationSeconds - trace.OffsetSeconds[row] + trace.OffsetSeconds[0];

    private static List<double> Times(IReadOnlyList<LoadSegment> segments, WorkloadSpec workload, ulong seed)
    {
        var stream = new ArrivalStream(segments, workload, new RandomStream(seed));
        var list = new List<double>();
        for (double x = stream.Next(); !double.IsPositiveInfinity(x); x = stream.Next())
        {
            list.Add(x);
        }
        return list;
    }
}
