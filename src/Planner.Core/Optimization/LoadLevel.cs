namespace Planner.Core.Optimization;

/// <summary>
/// One load at which candidates are simulated: the largest volume of the months mapped to it,
/// simulated in the calendar month of the first of them.
/// </summary>
public sealed record LoadLevel
{
    /// <summary>0-based position among the levels, lowest load first.</summary>
    public required int Index { get; init; }

    /// <summary>Average requests per day simulated at this level.</summary>
    public required double RequestsPerDay { get; init; }

    /// <summary>1-based months mapped to this level.</summary>
    public required IReadOnlyList<int> Months { get; init; }

    /// <summary>Calendar month the level's windows are simulated in (the first mapped month's).</summary>
    public required DateOnly CalendarMonth { get; init; }
}
