using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Core.Serving;

namespace Planner.Calibration.Tests.Fitting;

public sealed class StepTimeFitterTests
{
    private static readonly StepTimeCoefficients Truth = new()
    {
        FixedSeconds = 0.004,
        PerPrefillTokenSeconds = 2.5e-5,
        PerPrefillAttentionPairSeconds = 3e-9,
        PerDecodeSequenceSeconds = 1.2e-4,
        PerDecodeContextTokenSeconds = 4e-7,
    };

    /// <summary>A sweep like planner bench's: prefill and decode over batches × lengths.</summary>
    private static List<FitPoint> Sweep(StepTimeCoefficients c, double noise, int seed)
    {
        var random = new Random(seed);
        var points = new List<FitPoint>();
        foreach (BenchmarkPhase phase in new[] { BenchmarkPhase.Prefill, BenchmarkPhase.Decode })
        {
            foreach (int batch in new[] { 1, 2, 4, 8, 16 })
            {
                foreach (int length in new[] { 64, 256, 1024, 2048 })
                {
                    StepWork work = phase == BenchmarkPhase.Prefill ? StepWork.Of(phase, batch, length, 0) : StepWork.Of(phase, batch, 1, length);
                    double seconds = c.StepSeconds(StepTimeFitter.Shape(work)) * (1 + noise * (2 * random.NextDouble() - 1));
                    points.Add(new FitPoint($"{phase} {batch}×{length}", work, seconds));
                }
            }
        }
        return points;
    }

    [Fact]
    public void Recovers_known_coefficients_from_exact_measurements()
    {
        StepTimeFit fit = StepTimeFitter.Fit(Sweep(Truth, 0, 1));
        AssertClose(Truth, fit.Coefficients, 1e-6);
        Assert.True(fit.R2 > 0.999999);
        Assert.True(fit.KFoldMape < 1e-6);
        Assert.Equal(40, fit.Points);
        Assert.Equal(5, fit.Folds);
        Assert.Empty(fit.UnmeasuredTerms);
    }

    [Fact]
    public void Recovers_known_coefficients_within_a_few_percent_from_noisy_measurements()
    {
        StepTimeFit fit = StepTimeFitter.Fit(Sweep(Truth, 0.03, 7));
        AssertClose(Truth, fit.Coefficients, 0.15);
        Assert.True(fit.R2 > 0.99);
        Assert.InRange(fit.KFoldMape, 0.001, 0.05);
    }

    [Fact]
    public void Coefficients_stay_non_negative_when_the_data_pull_one_below_zero()
    {
        // Times that fall with context length would need a negative per-context-token cost.
        List<FitPoint> points = Sweep(Truth with { PerDecodeContextTokenSeconds = 0 }, 0, 3)
            .Select(p => p with { Seconds = p.Seconds - 2e-8 * p.Work.DecodeContextTokens })
            .ToList();
        StepTimeFit fit = StepTimeFitter.Fit(points);
        Assert.Equal(0, fit.Coefficients.PerDecodeContextTokenSeconds);
        Assert.True(fit.Coefficients.PerDecodeSequenceSeconds >= 0 && fit.Coefficients.FixedSeconds >= 0);
    }

    [Fact]
    public void Terms_no_measurement_exercises_are_zero_and_reported()
    {
        List<FitPoint> decodeOnly = Sweep(Truth, 0, 5).Where(p => p.Work.DecodeSequences > 0).ToList();
        StepTimeFit fit = StepTimeFitter.Fit(decodeOnly);
        Assert.Equal(["per_prefill_token_s", "per_prefill_attention_pair_s"], fit.UnmeasuredTerms);
        Assert.Equal(0, fit.Coefficients.PerPrefillTokenSeconds);
        Assert.Equal(Truth.PerDecodeSequenceSeconds, fit.Coefficients.PerDecodeSequenceSeconds, 9);
    }

    [Fact]
    public void Needs_positive_times()
    {
        var e = Assert.Throws<ArgumentException>(() => StepTimeFitter.Fit([new FitPoint("bad", StepWork.Of(BenchmarkPhase.Decode, 1, 1, 10), 0)]));
        Assert.Contains("bad", e.Message);
    }

    [Fact]
    public void Step_work_counts_causal_attention_pairs_and_decode_context()
    {
        Assert.Equal(new StepWork(8, 2 * (4 * 5 / 2), 0, 0), StepWork.Of(BenchmarkPhase.Prefill, 2, 4, 0));
        Assert.Equal(new StepWork(4, 4 * 10 + 10, 0, 0), StepWork.Of(BenchmarkPhase.Prefill, 1, 4, 10));
        Assert.Equal(new StepWork(0, 0, 3, 3 * 101), StepWork.Of(BenchmarkPhase.Decode, 3, 1, 100));
    }

    private static void AssertClose(StepTimeCoefficients expected, StepTimeCoefficients actual, double relative)
    {
        (string, double, double)[] pairs =
        [
            ("fixed", expected.FixedSeconds, actual.FixedSeconds),
            ("per prefill token", expected.PerPrefillTokenSeconds, actual.PerPrefillTokenSeconds),
            ("per pair", expected.PerPrefillAttentionPairSeconds, actual.PerPrefillAttentionPairSeconds),
            ("per decode sequence", expected.PerDecodeSequenceSeconds, actual.PerDecodeSequenceSeconds),
            ("per context token", expected.PerDecodeContextTokenSeconds, actual.PerDecodeContextTokenSeconds),
        ];
        foreach ((string name, double e, double a) in pairs)
        {
            Assert.True(Math.Abs(a - e) <= relative * e, $"{name}: expected {e}, got {a}");
        }
    }
}
