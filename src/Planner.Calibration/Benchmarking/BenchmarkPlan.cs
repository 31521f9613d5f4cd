using System.Globalization;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// What to sweep and when to stop measuring a point. Prefill points run <c>batch</c> prompts of each
/// length in <see cref="SequenceLengths"/>; decode points run <c>batch</c> sequences each decoding one
/// token after that many cached tokens. Each point is repeated until the 95% confidence interval of
/// its mean is within <see cref="TargetRelativeHalfWidth"/> of the mean, or a cap is reached.
/// </summary>
public sealed record BenchmarkPlan
{
    public required IReadOnlyList<int> Batches { get; init; }

    public required IReadOnlyList<int> SequenceLengths { get; init; }

    /// <summary>Cached tokens per sequence of the decode points, when they should differ from <see cref="SequenceLengths"/> (decode contexts are usually longer than the prompts worth timing).</summary>
    public IReadOnlyList<int>? DecodeContextLengths { get; init; }

    public IReadOnlyList<BenchmarkPhase> Phases { get; init; } = [BenchmarkPhase.Prefill, BenchmarkPhase.Decode];

    /// <summary>Untimed runs before measuring (first-run allocation, caches, thread pool start-up).</summary>
    public int WarmupRuns { get; init; } = 2;

    /// <summary>Half-width of the mean's 95% confidence interval, relative to the mean, that ends a point.</summary>
    public double TargetRelativeHalfWidth { get; init; } = 0.02;

    public int MinRuns { get; init; } = 3;

    public int MaxRuns { get; init; } = 200;

    /// <summary>Measuring a point stops after this long (once <see cref="MinRuns"/> are done), converged or not.</summary>
    public double MaxSecondsPerPoint { get; init; } = 10;

    /// <summary>
    /// Runs per point, after one warm-up, in a second session with ONNX Runtime's profiler on, for
    /// the operator breakdown (0: none). They come after the timed runs, so profiling never slows a
    /// timing.
    /// </summary>
    public int OperatorProfileRuns { get; init; } = 1;

    /// <summary>Throws when the plan cannot run, saying what is allowed.</summary>
    public BenchmarkPlan Validated()
    {
        var problems = new List<string>();
        if (Batches.Count == 0 || Batches.Any(b => b < 1))
        {
            problems.Add("batch sizes must be integers ≥ 1");
        }
        if (SequenceLengths.Count == 0 || SequenceLengths.Any(s => s < 1))
        {
            problems.Add("sequence lengths must be integers ≥ 1");
        }
        if (DecodeContextLengths is { } contexts && (contexts.Count == 0 || contexts.Any(c => c < 1)))
        {
            problems.Add("decode context lengths must be integers ≥ 1");
        }
        if (Phases.Count == 0)
        {
            problems.Add("at least one phase (prefill, decode) is needed");
        }
        if (WarmupRuns < 0 || MinRuns < 2 || MaxRuns < MinRuns)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"runs: warm-up ≥ 0, 2 ≤ minimum ≤ maximum (got {WarmupRuns}, {MinRuns}, {MaxRuns})"));
        }
        if (OperatorProfileRuns < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"profiled runs per point must be ≥ 0 (got {OperatorProfileRuns})"));
        }
        if (!(TargetRelativeHalfWidth > 0) || !(MaxSecondsPerPoint > 0))
        {
            problems.Add("the precision target and the time cap must be > 0");
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("benchmark plan: " + string.Join("; ", problems));
        }
        return this;
    }

    /// <summary>Every (phase, batch, length) point, prefill first, smallest first; the length is the prompt (prefill) or the cached context (decode).</summary>
    public IReadOnlyList<(BenchmarkPhase Phase, int Batch, int Length)> Points() =>
        [.. from p in Phases
            from b in Batches.Distinct().Order()
            from s in (p == BenchmarkPhase.Decode ? DecodeContextLengths ?? SequenceLengths : SequenceLengths).Distinct().Order()
            select (p, b, s)];
}
