using Planner.Calibration.Benchmarking;
using Planner.Calibration.Fitting;
using Planner.Calibration.Tests.Support;
using Planner.Core.Serving;
using Planner.Scenarios.Profiles;

namespace Planner.Calibration.Tests.Fitting;

/// <summary>
/// A fitted profile reproduces the measurements it was fitted on within the error its own file
/// states: the in-sample R² it records, and an in-sample error no worse than its k-fold error.
/// </summary>
public sealed class ProfileSelfConsistencyTests
{
    [Fact]
    public void The_committed_profile_reproduces_its_measurements_within_its_recorded_fit()
    {
        PerformanceProfileDocument profile = PerformanceProfileFile.Load(Path.Combine(Repository.Root, Repository.CommittedProfile)).Document!;
        MeasurementSet measurements = MeasurementFiles.Read(profile.MeasurementsPath);

        IReadOnlyList<ProfileCheckRow> rows = ProfileCheck.Compare(profile.Spec.Coefficients, measurements);

        Assert.Equal(profile.FitPoints, rows.Count);
        double mean = rows.Average(r => r.MeasuredSeconds);
        double total = rows.Sum(r => Math.Pow(r.MeasuredSeconds - mean, 2));
        double residual = rows.Sum(r => Math.Pow(r.MeasuredSeconds - r.PredictedSeconds, 2));
        // The file keeps four decimals of R² and six significant digits of each coefficient.
        Assert.Equal(profile.FitR2, 1 - residual / total, 3);
        double inSample = rows.Average(r => Math.Abs(r.RelativeError));
        double kFold = profile.Spec.KFoldMape ?? throw new InvalidOperationException("the committed profile records its k-fold error");
        Assert.True(inSample <= kFold, $"in-sample error {inSample:P1} above the recorded k-fold error {kFold:P1}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.2)]
    public void A_fit_reproduces_its_points_no_worse_than_its_cross_validated_error(double noise)
    {
        var truth = new StepTimeCoefficients
        {
            FixedSeconds = 0.003,
            PerPrefillTokenSeconds = 3e-5,
            PerPrefillAttentionPairSeconds = 2e-9,
            PerDecodeSequenceSeconds = 1e-4,
            PerDecodeContextTokenSeconds = 5e-7,
        };
        var random = new Random(14);
        var points = new List<FitPoint>();
        foreach (BenchmarkPhase phase in new[] { BenchmarkPhase.Prefill, BenchmarkPhase.Decode })
        {
            foreach (int batch in new[] { 1, 2, 4, 8, 16 })
            {
                foreach (int length in new[] { 64, 256, 1024, 2048 })
                {
                    StepWork work = phase == BenchmarkPhase.Prefill ? StepWork.Of(phase, batch, length, 0) : StepWork.Of(phase, batch, 1, length);
                    double seconds = truth.StepSeconds(StepTimeFitter.Shape(work)) * (1 + noise * (2 * random.NextDouble() - 1));
                    points.Add(new FitPoint($"{phase} {batch}×{length}", work, seconds));
                }
            }
        }

        StepTimeFit fit = StepTimeFitter.Fit(points);

        double inSample = points.Average(p => Math.Abs(fit.Coefficients.StepSeconds(StepTimeFitter.Shape(p.Work)) - p.Seconds) / p.Seconds);
        Assert.True(inSample <= fit.KFoldMape + 1e-12, $"in-sample {inSample:P2} > k-fold {fit.KFoldMape:P2}");
        // And within the noise that was put in (exact data: exactly).
        Assert.True(inSample <= noise + 1e-9, $"in-sample {inSample:P2} above the {noise:P0} noise");
    }
}
