namespace Planner.Core.Optimization;

/// <summary>Cost against p95 TTFT at one month: every configuration simulated at its load level, and the non-dominated ones that meet the SLO.</summary>
public sealed record FrontierResult
{
    /// <summary>1-based month.</summary>
    public required int Month { get; init; }
    public required DateOnly CalendarMonth { get; init; }
    /// <summary>Index of the load level the points were simulated at.</summary>
    public required int Level { get; init; }
    public required double RequestsPerDay { get; init; }
    /// <summary>Every configuration simulated at the level, feasible or not.</summary>
    public required IReadOnlyList<CandidateEvaluation> Points { get; init; }
    /// <summary>Configurations meeting the SLO (and not replaced after verification) that no other beats on both cost and p95 TTFT, cheapest first.</summary>
    public required IReadOnlyList<CandidateEvaluation> Frontier { get; init; }
}
