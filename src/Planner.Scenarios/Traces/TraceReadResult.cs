namespace Planner.Scenarios.Traces;

/// <summary>What reading a trace file gave: the trace when every row was valid, else the problems.</summary>
internal sealed record TraceReadResult(AzureTrace? Trace, IReadOnlyList<TraceProblem> Problems, bool NotFound, string? IoError);
