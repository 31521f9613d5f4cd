namespace Planner.Reports.Json;

/// <summary>
/// A replayed trace's own figures, from the rows the scenario loaded: its path as the scenario
/// names it, its rows, its span (the last arrival's offset from the first plus one mean gap: the
/// period the replay repeats with) and that last offset, its own rate (rows over the span) and its
/// mean token counts; and the credit its publisher's licence asks for, where it is a known public trace.
/// </summary>
public sealed record TraceSection(
    string Path, int Rows, double? SpanS, double? LastOffsetS, double? RequestsPerS, double? RequestsPerDay, double? MeanInputTokens, double? MeanOutputTokens)
{
    /// <summary>Who published the trace and under what licence, for a public trace whose licence asks reports to credit it; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Credit { get; init; }
}
