using Planner.Reports.Json;

namespace Planner.Reports.Narrative;

/// <summary>
/// For the console: the sentences the report's main risks open with, one per option that misses
/// the SLO in some month, saying which target its first missed month missed and by how much, so
/// that the console's "(misses)" and the report explain a miss in the same words.
/// </summary>
public static class SloMissLines
{
    /// <summary>The options' SLO misses, the recommended option first; empty when every option meets the SLO every month.</summary>
    public static IReadOnlyList<string> For(SummaryDocument summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ReportFacts.From(summary).SloMisses;
    }
}
