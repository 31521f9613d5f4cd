namespace Planner.Core.Projection;

/// <summary>The outcome of a <see cref="WindowUnit"/>: one entry per option, in the scenario's option order.</summary>
public sealed record WindowOutcome(IReadOnlyList<OptionWindowOutcome> Options);
