using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;
using Planner.Calibration.Tests.Support;
using Xunit.Abstractions;

namespace Planner.Calibration.Tests.Benchmarking;

/// <summary>
/// A real benchmark of a small transformer: step times grow with batch and sequence. Compared on
/// well-separated sizes (8× to 128× the work) by their fastest runs: another process can only
/// add time to a run, so the fastest is the nearest to the step's own cost. (Medians once flipped
/// on a contended machine: 4.8 ms for 1 × 8 tokens, against 0.23 ms unloaded.)
/// </summary>
[Collection(OrtCollection.Name)]
public sealed class TimingGrowthTests(ITestOutputHelper output)
{
    private static readonly BenchmarkPlan Plan = new()
    {
        Batches = [1, 8],
        SequenceLengths = [8, 128],
        WarmupRuns = 2,
        MinRuns = 7,
        MaxRuns = 60,
        MaxSecondsPerPoint = 0.6,
    };

    [Fact]
    public void Step_times_rise_with_batch_and_sequence_length()
    {
        var progress = new List<BenchmarkProgress>();
        var runner = new BenchmarkRunner(new SessionSettings { IntraOpThreads = 1 }, Plan, new Recorder(progress));
        IReadOnlyList<MeasurementRow> rows = runner.RunModel(DecoderModelBuilder.BlockStack(SmallModels.Small, 2));
        foreach (MeasurementRow r in rows)
        {
            output.WriteLine($"{r.Phase} batch {r.Batch} new {r.NewTokens} past {r.PastTokens}: p50 {r.Timing.P50Seconds * 1e3:0.000} ms, mean {r.Timing.MeanSeconds * 1e3:0.000} ± {r.Timing.Ci95HalfWidthSeconds * 1e3:0.000} ms, {r.Timing.Runs} runs");
        }
        double Fastest(BenchmarkPhase phase, int batch, int length) =>
            rows.Single(r => r.Phase == phase && r.Batch == batch && (phase == BenchmarkPhase.Prefill ? r.NewTokens : r.PastTokens) == length).Timing.MinSeconds;

        Assert.Equal(8, rows.Count);
        Assert.True(Fastest(BenchmarkPhase.Prefill, 8, 128) > 4 * Fastest(BenchmarkPhase.Prefill, 1, 8), "prefill: 128× the tokens should take far longer");
        Assert.All(rows, r => Assert.True(r.Timing.Runs >= Plan.MinRuns && r.Timing.P50Seconds > 0));
        Assert.Equal(8, progress.Count(p => p.Current.StartsWith("blocks:", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Each pair runs in turn, round after round (as planner bench runs head and blocks), so a load
    /// from other processes that comes and goes slows both sides alike and cannot flip the order.
    /// </summary>
    [Theory]
    [InlineData("prefill", 1, 8, 1, 128)]
    [InlineData("prefill", 1, 128, 8, 128)]
    [InlineData("decode", 1, 64, 16, 64)]
    [InlineData("decode", 8, 16, 8, 2048)]
    public void More_batch_or_more_sequence_takes_longer(string phase, int smallBatch, int smallLength, int largeBatch, int largeLength)
    {
        BuiltModel model = DecoderModelBuilder.BlockStack(SmallModels.Small, 2);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        BenchmarkPhase p = phase == "prefill" ? BenchmarkPhase.Prefill : BenchmarkPhase.Decode;
        (int smallNew, int smallPast) = BenchmarkRunner.Step(p, smallLength);
        (int largeNew, int largePast) = BenchmarkRunner.Step(p, largeLength);
        Dictionary<string, HostTensor> small = DecoderInputs.Create(model, smallBatch, smallNew, smallPast);
        Dictionary<string, HostTensor> large = DecoderInputs.Create(model, largeBatch, largeNew, largePast);
        try
        {
            using PreparedRun smallRun = session.Prepare(small);
            using PreparedRun largeRun = session.Prepare(large);
            IReadOnlyList<TimingStatistics> stats = BenchmarkRunner.RepeatTogether([smallRun.RunSeconds, largeRun.RunSeconds], Plan, out _);
            output.WriteLine($"{phase}: batch {smallBatch} × {smallLength}: fastest {stats[0].MinSeconds * 1e3:0.000} ms, p50 {stats[0].P50Seconds * 1e3:0.000} ms; "
                + $"batch {largeBatch} × {largeLength}: fastest {stats[1].MinSeconds * 1e3:0.000} ms, p50 {stats[1].P50Seconds * 1e3:0.000} ms ({stats[0].Runs} rounds)");
            Assert.True(stats[1].MinSeconds > stats[0].MinSeconds,
                $"{phase}: batch {largeBatch} × {largeLength} (fastest {stats[1].MinSeconds * 1e3:0.000} ms) should take longer than batch {smallBatch} × {smallLength} (fastest {stats[0].MinSeconds * 1e3:0.000} ms)");
        }
        finally
        {
            foreach (HostTensor t in small.Values.Concat(large.Values))
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void Repeating_stops_once_the_mean_is_known_to_two_percent()
    {
        var plan = new BenchmarkPlan { Batches = [1], SequenceLengths = [1], MinRuns = 3, MaxRuns = 1000, MaxSecondsPerPoint = 60 };
        int calls = 0;
        TimingStatistics stats = BenchmarkRunner.Repeat(() => 0.010 + 0.0001 * (calls++ % 2), plan, out bool converged);
        Assert.True(converged);
        Assert.True(stats.RelativeHalfWidth <= 0.02);
        Assert.InRange(stats.Runs, 3, 10);
        Assert.Equal(plan.WarmupRuns + stats.Runs, calls);
    }

    [Fact]
    public void Repeating_stops_at_the_cap_when_the_timings_are_too_noisy()
    {
        var plan = new BenchmarkPlan { Batches = [1], SequenceLengths = [1], MinRuns = 3, MaxRuns = 12, MaxSecondsPerPoint = 60 };
        int calls = 0;
        TimingStatistics stats = BenchmarkRunner.Repeat(() => calls++ % 2 == 0 ? 0.001 : 0.1, plan, out bool converged);
        Assert.False(converged);
        Assert.Equal(12, stats.Runs);
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        var stats = TimingStatistics.Of([5, 1, 4, 2, 3]);
        Assert.Equal(3, stats.P50Seconds, 12);
        Assert.Equal(4.6, stats.P90Seconds, 12);
        Assert.Equal(4.96, stats.P99Seconds, 12);
        Assert.Equal(1, stats.MinSeconds);
        Assert.Equal(3, stats.MeanSeconds, 12);
        // t(0.975, 4) = 2.776; sd = sqrt(2.5)
        Assert.Equal(2.7764451 * Math.Sqrt(2.5 / 5), stats.Ci95HalfWidthSeconds, 5);
    }

    private sealed class Recorder(List<BenchmarkProgress> into) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => into.Add(value);
    }
}
