using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// One fine-tuning job of an option, per run: the simulated cost and time with its hardware
/// failures at the configured checkpoint interval, and the intervals that would cost least
/// (searched, and Young/Daly's estimate).
/// </summary>
public sealed record FineTuningJobSection(
    string Job, string Gpu, int GpuCount, int FirstMonth, int RunsInHorizon, int Samples,
    double? WorkHours, double? FailureFreeWallHours, double? MeanWallHours, double? P90WallHours, double? MeanLostHours, double? MeanFailures,
    double? MeanGpuHours, double? MeanCostUsd, double? P90CostUsd,
    double CheckpointIntervalSeconds, double? BestCheckpointIntervalSeconds, double? BestIntervalExpectedCostUsd,
    double? YoungDalyIntervalSeconds, double? YoungDalyExpectedCostUsd)
{
    /// <summary>Months between runs; absent for a one-off job.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EveryMonths { get; init; }
}
