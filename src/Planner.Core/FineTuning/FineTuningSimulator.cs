using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.FineTuning;

/// <summary>
/// Monte Carlo of one fine-tuning job with failures and restarts from the last checkpoint.
/// The work is cut into segments of the checkpoint interval (the last one shorter), each followed
/// by a checkpoint write, the final one included (it saves the trained model). Failures arrive as a
/// Poisson process over wall time — training, checkpoint writes and restarts alike; a failure loses
/// the segment in progress and costs the restart overhead, itself interruptible. Every GPU of the
/// job is billed for the whole wall time.
/// </summary>
public static class FineTuningSimulator
{
    /// <summary>Samples per job when the caller does not say.</summary>
    public const int DefaultSamples = 2000;

    /// <summary>Points of the geometric grid of checkpoint intervals searched (the whole work as one segment is added).</summary>
    public const int SearchGridPoints = 601;

    /// <summary>The grid spans this factor either side of the Young/Daly interval.</summary>
    public const double SearchSpanFactor = 30;

    /// <summary>Shortest interval searched, in seconds.</summary>
    public const double MinSearchIntervalSeconds = 1;

    /// <summary>Simulates <paramref name="samples"/> runs of <paramref name="job"/>; sample i draws from a stream derived from <paramref name="seed"/> and i.</summary>
    public static FineTuningJobResult Run(FineTuningJobSpec job, ulong seed, int samples = DefaultSamples)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(job.CheckpointIntervalSeconds);
        double work = job.WorkSeconds;
        double interval = job.CheckpointIntervalSeconds;
        var wall = new double[samples];
        double lost = 0, failures = 0;
        for (int i = 0; i < samples; i++)
        {
            var random = new RandomStream(SeedSequence.Derive(seed, (ulong)i));
            FineTuningSample s = SampleOnce(work, interval, job.CheckpointWriteSeconds, job.RestartOverheadSeconds, job.FailuresPerSecond, random);
            wall[i] = s.WallSeconds;
            lost += s.LostSeconds;
            failures += s.Failures;
        }
        double mean = wall.Average();
        double variance = samples > 1 ? wall.Sum(w => (w - mean) * (w - mean)) / (samples - 1) : 0;
        Array.Sort(wall);
        double p90 = wall[(int)Math.Ceiling(0.9 * samples) - 1];
        double usdPerWallSecond = job.BilledGpus * job.PricePerGpuHourUsd / 3600;

        (double best, double bestCost, double ratio) = SearchInterval(job);
        double? youngDaly = YoungDalyIntervalSeconds(job);
        return new FineTuningJobResult
        {
            Job = job,
            Samples = samples,
            WorkHours = work / 3600,
            FailureFreeWallHours = FailureFreeWallSeconds(work, interval, job.CheckpointWriteSeconds) / 3600,
            MeanWallHours = mean / 3600,
            WallHoursStandardError = Math.Sqrt(variance / samples) / 3600,
            P90WallHours = p90 / 3600,
            ExpectedWallHoursClosedForm = ExpectedWallSeconds(job, interval) / 3600,
            MeanGpuHours = mean * job.BilledGpus / 3600,
            MeanCostUsd = mean * usdPerWallSecond,
            P90CostUsd = p90 * usdPerWallSecond,
            MeanLostHours = lost / samples / 3600,
            MeanFailures = failures / samples,
            BestCheckpointIntervalSeconds = best,
            BestIntervalExpectedCostUsd = bestCost,
            YoungDalyIntervalSeconds = youngDaly,
            YoungDalyExpectedCostUsd = youngDaly is double yd ? ExpectedWallSeconds(job, Math.Min(yd, work)) * usdPerWallSecond : null,
            SearchGridRatio = ratio,
        };
    }

    /// <summary>Simulates one run: <paramref name="workSeconds"/> of training in segments of <paramref name="intervalSeconds"/>.</summary>
    public static FineTuningSample SampleOnce(
        double workSeconds, double intervalSeconds, double checkpointWriteSeconds, double restartSeconds, double failuresPerSecond, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double wall = 0, lost = 0;
        int failures = 0;
        int segments = SegmentCount(workSeconds, intervalSeconds);
        for (int k = 0; k < segments; k++)
        {
            double attempt = SegmentWork(workSeconds, intervalSeconds, segments, k) + checkpointWriteSeconds;
            // Exponential gaps are memoryless, so a fresh draw at each phase start is the same Poisson process over wall time.
            while (true)
            {
                double gap = NextGap(random, failuresPerSecond);
                if (gap >= attempt)
                {
                    wall += attempt;
                    break;
                }
                wall += gap;
                lost += gap;
                failures++;
                while (true)
                {
                    double restartGap = NextGap(random, failuresPerSecond);
                    if (restartGap >= restartSeconds)
                    {
                        wall += restartSeconds;
                        lost += restartSeconds;
                        break;
                    }
                    wall += restartGap;
                    lost += restartGap;
                    failures++;
                }
            }
        }
        return new FineTuningSample(wall, lost, failures);
    }

    /// <summary>
    /// Exact expected wall time at a checkpoint interval. A segment of work w with write δ, restart R
    /// and job failure rate λ takes e^{λR}·(e^{λ(w+δ)} − 1)/λ on average (restarts can fail too); with
    /// failure-free restarts it would be (1/λ + R)(e^{λ(w+δ)} − 1), the same to first order in λR.
    /// </summary>
    public static double ExpectedWallSeconds(FineTuningJobSpec job, double intervalSeconds)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ExpectedWallSeconds(job.WorkSeconds, intervalSeconds, job.CheckpointWriteSeconds, job.RestartOverheadSeconds, job.FailuresPerSecond);
    }

    /// <inheritdoc cref="ExpectedWallSeconds(FineTuningJobSpec, double)"/>
    public static double ExpectedWallSeconds(
        double workSeconds, double intervalSeconds, double checkpointWriteSeconds, double restartSeconds, double failuresPerSecond)
    {
        int segments = SegmentCount(workSeconds, intervalSeconds);
        double last = SegmentWork(workSeconds, intervalSeconds, segments, segments - 1);
        double restartFactor = Math.Exp(failuresPerSecond * restartSeconds);
        return restartFactor * ((segments - 1) * ExpM1Over(failuresPerSecond, intervalSeconds + checkpointWriteSeconds)
                                + ExpM1Over(failuresPerSecond, last + checkpointWriteSeconds));
    }

    /// <summary>Work plus one checkpoint write per segment.</summary>
    public static double FailureFreeWallSeconds(double workSeconds, double intervalSeconds, double checkpointWriteSeconds) =>
        workSeconds + SegmentCount(workSeconds, intervalSeconds) * checkpointWriteSeconds;

    /// <summary>Young/Daly's first-order optimum √(2·δ·M); null when the job never fails.</summary>
    public static double? YoungDalyIntervalSeconds(FineTuningJobSpec job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.FailuresPerSecond > 0 ? Math.Sqrt(2 * job.CheckpointWriteSeconds / job.FailuresPerSecond) : null;
    }

    /// <summary>
    /// The checkpoint interval with the lowest expected cost (by <see cref="ExpectedWallSeconds(FineTuningJobSpec, double)"/>,
    /// which the Monte Carlo is tested against) on a geometric grid around the Young/Daly interval, capped at the
    /// whole work; also the grid's ratio between neighbours. A job that never fails checkpoints once, at the end.
    /// </summary>
    public static (double IntervalSeconds, double ExpectedCostUsd, double GridRatio) SearchInterval(FineTuningJobSpec job)
    {
        ArgumentNullException.ThrowIfNull(job);
        double work = job.WorkSeconds;
        double usdPerWallSecond = job.BilledGpus * job.PricePerGpuHourUsd / 3600;
        double best = work;
        double bestCost = ExpectedWallSeconds(job, work) * usdPerWallSecond;
        if (YoungDalyIntervalSeconds(job) is not double yd)
        {
            return (best, bestCost, 1);
        }
        double hi = Math.Min(work, yd * SearchSpanFactor);
        double lo = Math.Min(Math.Max(yd / SearchSpanFactor, MinSearchIntervalSeconds), hi);
        double ratio = Math.Pow(hi / lo, 1.0 / (SearchGridPoints - 1));
        for (int i = 0; i < SearchGridPoints; i++)
        {
            double interval = lo * Math.Pow(ratio, i);
            double cost = ExpectedWallSeconds(job, interval) * usdPerWallSecond;
            if (cost < bestCost)
            {
                best = interval;
                bestCost = cost;
            }
        }
        return (best, bestCost, ratio);
    }

    /// <summary>Segments needed; a remainder below a billionth of the work is rounding, not a segment.</summary>
    private static int SegmentCount(double workSeconds, double intervalSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalSeconds);
        double count = Math.Ceiling(workSeconds / intervalSeconds - 1e-9);
        return (int)Math.Min(Math.Max(count, 1), int.MaxValue);
    }

    private static double SegmentWork(double workSeconds, double intervalSeconds, int segments, int k) =>
        k < segments - 1 ? intervalSeconds : Math.Max(0, workSeconds - (segments - 1) * intervalSeconds);

    private static double NextGap(RandomStream random, double failuresPerSecond) =>
        failuresPerSecond > 0 ? random.NextExponential() / failuresPerSecond : double.PositiveInfinity;

    /// <summary>(e^{λt} − 1)/λ, accurate for small λt, and t itself when λ is zero.</summary>
    private static double ExpM1Over(double lambda, double t)
    {
        double x = lambda * t;
        if (Math.Abs(x) < 1e-5)
        {
            return t * (1 + x / 2 + x * x / 6);
        }
        return (Math.Exp(x) - 1) / lambda;
    }
}
