namespace Planner.Core.Specs;

/// <summary>
/// A fine-tuning run an option pays for: how much work it is, on which GPUs, at what price, and
/// how its hardware fails. Work is cut into segments of <see cref="CheckpointIntervalSeconds"/>, each
/// followed by a checkpoint write; a failure loses the progress since the last completed checkpoint.
/// </summary>
public sealed record FineTuningJobSpec
{
    /// <summary>Share of peak BF16 throughput a training step reaches when throughput is derived (model FLOPs utilisation).</summary>
    public const double DefaultEfficiency = 0.4;

    /// <summary>Training FLOPs per parameter per token: forward (2) plus backward (4).</summary>
    public const double TrainingFlopsPerParameterPerToken = 6;

    public required string Name { get; init; }
    public required double DatasetTokens { get; init; }
    public double Epochs { get; init; } = 1;
    public required GpuSpec Gpu { get; init; }
    public int GpuCount { get; init; } = 1;
    public required double PricePerGpuHourUsd { get; init; }
    /// <summary>GPUs in one rented instance; the job pays for whole instances.</summary>
    public int GpusPerInstance { get; init; } = 1;

    /// <summary>GPUs paid for: <see cref="GpuCount"/> rounded up to whole instances.</summary>
    public int BilledGpus => (GpuCount + GpusPerInstance - 1) / GpusPerInstance * GpusPerInstance;
    /// <summary>Measured training throughput of the whole job; null derives it from <see cref="ModelActiveParamsBillion"/> and the GPU's peak.</summary>
    public double? TokensPerSecond { get; init; }
    /// <summary>Parameters a token passes through (all of them for a dense model), for the derived throughput.</summary>
    public double? ModelActiveParamsBillion { get; init; }
    /// <summary>Used only when throughput is derived; see <see cref="DefaultEfficiency"/>.</summary>
    public double Efficiency { get; init; } = DefaultEfficiency;
    /// <summary>Failures per GPU per hour of wall time; the job fails at this rate times <see cref="GpuCount"/>.</summary>
    public required double FailuresPerGpuHour { get; init; }
    /// <summary>Seconds of training work between checkpoints.</summary>
    public required double CheckpointIntervalSeconds { get; init; }
    public required double CheckpointWriteSeconds { get; init; }
    /// <summary>Time from a failure until training resumes from the last checkpoint (replace node, reload, warm up).</summary>
    public double RestartOverheadSeconds { get; init; } = 300;
    /// <summary>First month (1-based) the job runs in; its whole cost is booked in the month it starts.</summary>
    public int Month { get; init; } = 1;
    /// <summary>Runs again every this many months after <see cref="Month"/>; null for a one-off job.</summary>
    public int? EveryMonths { get; init; }

    /// <summary>Training tokens per second of the whole job: as given, else 6 × active params FLOPs per token against peak BF16 × GPUs × efficiency.</summary>
    public double EffectiveTokensPerSecond => TokensPerSecond ?? (ModelActiveParamsBillion is double p
        ? GpuCount * Gpu.Bf16DenseTflops * 1e12 * Efficiency / (TrainingFlopsPerParameterPerToken * p * 1e9)
        : throw new InvalidOperationException($"fine-tuning job '{Name}' needs a throughput or the model's parameter count"));

    /// <summary>Seconds of training with no failures and no checkpoints.</summary>
    public double WorkSeconds => DatasetTokens * Epochs / EffectiveTokensPerSecond;

    /// <summary>Failures of the whole job per second of wall time.</summary>
    public double FailuresPerSecond => FailuresPerGpuHour * GpuCount / 3600.0;

    /// <summary>True when a run of this job starts in month <paramref name="month"/> (1-based).</summary>
    public bool RunsInMonth(int month) =>
        month == Month || (EveryMonths is int every && month > Month && (month - Month) % every == 0);
}
