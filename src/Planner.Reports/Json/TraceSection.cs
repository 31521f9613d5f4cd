namespace Planner.Reports.Json;

/// <summary>
/// A replayed trace's own figures, from the rows the scenario loaded: its path as the scenario
/// names it, its rows, its span (the last arrival's offset from the first plus one mean gap: the
/// period the replay repeats with) and that last offset, its own rate (rows over the span) and its
/// mean token counts.
/// </summary>
public sealed record TraceSection(
    string Path, int Rows, double? SpanS, double? LastOffsetS, double? RequestsPerS, double? RequestsPerDay, double? MeanInputTokens, double? MeanOutputTokens);
