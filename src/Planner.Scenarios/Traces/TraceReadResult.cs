using Planner.Scenarios.Files;

namespace Planner.Scenarios.Traces;

/// <summary>What reading a trace file gave: the trace when every row was valid, else the problems (or why the file could not be read).</summary>
/// <param name="Trace">The trace when the file was read and every row was valid.</param>
/// <param name="Problems">The first malformed rows, at most <see cref="AzureTraceReader.MaxProblemsKept"/>.</param>
/// <param name="File">How reading the file went; its bytes are not kept.</param>
internal sealed record TraceReadResult(AzureTrace? Trace, IReadOnlyList<TraceProblem> Problems, InputFileResult File)
{
    /// <summary>Malformed rows in all, listed or not.</summary>
    public int ProblemCount { get; init; } = Problems.Count;

    public bool NotFound => File.Status == InputFileStatus.NotFound;
}
