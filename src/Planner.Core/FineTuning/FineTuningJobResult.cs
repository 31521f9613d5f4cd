using Planner.Core.Specs;

namespace Planner.Core.FineTuning;

/// <summary>
/// One run of a fine-tuning job, simulated <see cref="Samples"/> times at its configured checkpoint
/// interval, plus the interval that minimises its expected cost and the Young/Daly estimate of it.
/// </summary>
public sealed record FineTuningJobResult
{
    public required FineTuningJobSpec Job { get; init; }
    public required int Samples { get; init; }
    /// <summary>Training time alone: tokens × epochs ÷ throughput.</summary>
    public required double WorkHours { get; init; }
    /// <summary>Wall time with no failure: work plus one checkpoint write per segment.</summary>
    public required double FailureFreeWallHours { get; init; }
    public required double MeanWallHours { get; init; }
    /// <summary>Standard error of <see cref="MeanWallHours"/> (sample standard deviation ÷ √samples).</summary>
    public required double WallHoursStandardError { get; init; }
    public required double P90WallHours { get; init; }
    /// <summary>Expected wall time from the closed form for exponential failures; the Monte Carlo mean estimates it.</summary>
    public required double ExpectedWallHoursClosedForm { get; init; }
    public required double MeanGpuHours { get; init; }
    public required double MeanCostUsd { get; init; }
    public required double P90CostUsd { get; init; }
    /// <summary>Mean wall time beyond the failure-free run: progress lost since the last checkpoint plus restarts.</summary>
    public required double MeanLostHours { get; init; }
    public required double MeanFailures { get; init; }
    /// <summary>The grid point with the lowest expected cost.</summary>
    public required double BestCheckpointIntervalSeconds { get; init; }
    public required double BestIntervalExpectedCostUsd { get; init; }
    /// <summary>√(2·δ·M) with δ the checkpoint write time and M the job's mean time between failures; null when it never fails.</summary>
    public required double? YoungDalyIntervalSeconds { get; init; }
    /// <summary>Expected cost at the Young/Daly interval; null when the job never fails.</summary>
    public required double? YoungDalyExpectedCostUsd { get; init; }
    /// <summary>Ratio between neighbouring intervals of the search grid (its resolution).</summary>
    public required double SearchGridRatio { get; init; }
}
