using Planner.Core.Serving;

namespace Planner.Calibration.Validation;

/// <summary>
/// One measured forward step of a whole model (a row of a steps CSV such as
/// <c>calibration/measurements/h200-pytorch/llama8b_steps.csv</c>).
/// </summary>
/// <param name="Phase"><c>prefill</c> (one sequence of <paramref name="QueryTokens"/> new tokens, no cache) or <c>decode</c> (one new token for each of <paramref name="Batch"/> sequences).</param>
/// <param name="Batch">Sequences in the step.</param>
/// <param name="QueryTokens">New tokens per sequence.</param>
/// <param name="ContextTokens">Tokens each sequence attends to (for a prefill, its own prompt).</param>
/// <param name="Milliseconds">The measured step time.</param>
/// <param name="Execution">How the step ran (e.g. <c>eager</c>, <c>cuda graph</c>).</param>
public sealed record MeasuredStep(string Phase, int Batch, int QueryTokens, long ContextTokens, double Milliseconds, string Execution)
{
    /// <summary>The step as the engine's step-time model sees it.</summary>
    public StepShape Shape => Phase == "prefill"
        ? new(Batch * QueryTokens, (long)Batch * QueryTokens * (QueryTokens + 1) / 2, 0, 0)
        : new(0, 0, Batch, Batch * ContextTokens);
}
