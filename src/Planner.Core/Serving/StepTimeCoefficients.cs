using System.Globalization;

namespace Planner.Core.Serving;

/// <summary>
/// The linear step-time model a calibrated profile is fitted to: a fixed cost per engine step
/// plus one non-negative cost per unit of each kind of work in the step (see <see cref="StepShape"/>).
/// Each term has a physical reading — weights streamed once per step (fixed), matrix
/// multiplications per token, attention per token pair, sampling and the LM head per decoding
/// sequence, KV-cache reads per context token — which is why none may be negative.
/// </summary>
public sealed record StepTimeCoefficients
{
    /// <summary>Seconds every non-empty step costs.</summary>
    public required double FixedSeconds { get; init; }

    /// <summary>Seconds per prompt token prefilled in the step.</summary>
    public required double PerPrefillTokenSeconds { get; init; }

    /// <summary>Seconds per (query, key) pair of prefill attention.</summary>
    public required double PerPrefillAttentionPairSeconds { get; init; }

    /// <summary>Seconds per sequence decoding one token in the step.</summary>
    public required double PerDecodeSequenceSeconds { get; init; }

    /// <summary>Seconds per context token the decoding sequences attend to.</summary>
    public required double PerDecodeContextTokenSeconds { get; init; }

    /// <summary>Wall time of one step of the given shape, in seconds; an empty step takes no time.</summary>
    public double StepSeconds(in StepShape step)
    {
        if (step.PrefillTokens == 0 && step.DecodeSequences == 0)
        {
            return 0;
        }
        return FixedSeconds
            + PerPrefillTokenSeconds * step.PrefillTokens
            + PerPrefillAttentionPairSeconds * step.PrefillAttentionPairs
            + PerDecodeSequenceSeconds * step.DecodeSequences
            + PerDecodeContextTokenSeconds * step.DecodeContextTokens;
    }

    /// <summary>Throws when a coefficient is negative, infinite or not a number, naming it.</summary>
    public StepTimeCoefficients Validated()
    {
        Check(FixedSeconds, nameof(FixedSeconds));
        Check(PerPrefillTokenSeconds, nameof(PerPrefillTokenSeconds));
        Check(PerPrefillAttentionPairSeconds, nameof(PerPrefillAttentionPairSeconds));
        Check(PerDecodeSequenceSeconds, nameof(PerDecodeSequenceSeconds));
        Check(PerDecodeContextTokenSeconds, nameof(PerDecodeContextTokenSeconds));
        return this;
    }

    private static void Check(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number ≥ 0 seconds, got {value}"));
        }
    }
}
