using Planner.Calibration.Models;

namespace Planner.Calibration.Benchmarking;

/// <summary>One measured point: what ran, its step shape, and the timing statistics (one CSV row).</summary>
public sealed record MeasurementRow
{
    public required ModelComponent Component { get; init; }

    /// <summary>Decoder blocks in the model that ran (0 for head and overhead; the layer count for a whole model).</summary>
    public required int Blocks { get; init; }

    public required BenchmarkPhase Phase { get; init; }

    public required int Batch { get; init; }

    /// <summary>New tokens per sequence (the prompt length in prefill, 1 in decode).</summary>
    public required int NewTokens { get; init; }

    /// <summary>Cached tokens per sequence before the step.</summary>
    public required int PastTokens { get; init; }

    public required TimingStatistics Timing { get; init; }

    /// <summary>True when the confidence target was met before a cap.</summary>
    public required bool Converged { get; init; }

    /// <summary>Where an imported row comes from (empty for Planner's own measurements).</summary>
    public string Source { get; init; } = "";

    public StepWork Work => StepWork.Of(Phase, Batch, NewTokens, PastTokens);

    public double TokensPerSecond => Timing.MeanSeconds > 0 ? Work.Tokens / Timing.MeanSeconds : 0;
}
