namespace Planner.Scenarios.Traces;

/// <summary>Something wrong at a row and column of a trace file (both 1-based; the header is row 1).</summary>
internal sealed record TraceProblem(int Row, int Column, string Message);
