using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// The traffic every option serves, as the scenario states it: volume and growth, daily shape,
/// arrival process, request classes with their token counts and, for a replayed trace, the
/// trace's own figures. Absent in summaries written before it was recorded.
/// </summary>
/// <param name="Volume">Requests per day and per month, and how they grow.</param>
/// <param name="DailyShape">How a day's requests spread over its hours.</param>
/// <param name="Arrivals">How arrivals scatter around that shape.</param>
/// <param name="Classes">The request classes (for a replay without classes, one class <c>replay</c> with the trace's token counts).</param>
/// <param name="MeanInputTokens">Input tokens of the average request: the classes' drawn means weighted by share, or the trace's mean when replaying.</param>
/// <param name="MeanOutputTokens">Output tokens of the average request, likewise.</param>
public sealed record WorkloadSection(
    VolumeSection Volume, DailyShapeSection DailyShape, ArrivalsSection Arrivals, IReadOnlyList<RequestClassSection> Classes,
    double? MeanInputTokens, double? MeanOutputTokens)
{
    /// <summary>The replayed trace, whose arrival times and token counts the simulation uses instead of the classes'; absent without <c>replay</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TraceSection? Trace { get; init; }
}
